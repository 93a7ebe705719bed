"""
The text of attached PDF, DOCX and ODT files, for search.

The libraries are pure Python (pypdf, python-docx, odfpy), but a hostile or
broken file can still make a parser loop or swell: a zip bomb disguised as a
DOCX, a PDF whose objects refer to each other without end. So each file is
read in a child process (``python -m knowledge.extraction KIND MAX_CHARS``,
the file on its standard input, the text on its standard output) with an
address-space limit and a CPU limit, and the parent kills it after a
wall-clock timeout. Whatever goes wrong, the caller gets ExtractionFailed
with a short reason, never a hung worker.

This module imports nothing from Django, so the child starts quickly.
"""

import io
import os
import re
import subprocess
import sys

EXTRACTABLE = ("pdf", "docx", "odt")
DEFAULT_MAX_CHARS = 100_000
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


class ExtractionFailed(Exception):
    """The file's text could not be read; the message says why, in a few words."""


def extract_text(data, kind, *, max_chars=DEFAULT_MAX_CHARS):
    """The text of a document given as bytes, read in this process (at most ``max_chars``)."""
    readers = {"pdf": _pdf_text, "docx": _docx_text, "odt": _odt_text}
    if kind not in readers:
        raise ExtractionFailed(f"no text extraction for {kind!r} files")
    parts = []
    length = 0
    for piece in readers[kind](io.BytesIO(data)):
        if not piece:
            continue
        parts.append(piece)
        length += len(piece) + 1
        if length >= max_chars:
            break
    return "\n".join(parts)[:max_chars]


def _pdf_text(stream):
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted:
        raise ExtractionFailed("the PDF is encrypted")
    for page in reader.pages:
        yield page.extract_text() or ""


def _docx_text(stream):
    from docx import Document

    document = Document(stream)
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield " ".join(cell.text for cell in row.cells)


def _odt_text(stream):
    from odf import teletype, text
    from odf.opendocument import load

    document = load(stream)
    for element_type in (text.H, text.P):
        for element in document.getElementsByType(element_type):
            yield teletype.extractText(element)


def text_config_of(text):
    """``russian`` for text that is mostly Cyrillic, else ``english``."""
    sample = text[:20_000]
    return "russian" if len(_CYRILLIC.findall(sample)) >= len(_LATIN.findall(sample)) else "english"


def _limits(memory_bytes, cpu_seconds):
    def apply():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))

    return apply


def run_bounded(command, data, *, seconds, memory_bytes):
    """
    Run ``command`` with ``data`` on its standard input, within the limits;
    its standard output (UTF-8) is the answer.
    """
    project_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": project_dir}
    try:
        finished = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
            command,
            input=data,
            capture_output=True,
            timeout=seconds,
            env=env,
            cwd=project_dir,
            # Limits are set in the child between fork and exec.
            preexec_fn=_limits(memory_bytes, max(1, int(seconds))),
            check=False,
        )
    except subprocess.TimeoutExpired as timeout:
        raise ExtractionFailed(f"took longer than {seconds} s") from timeout
    if finished.returncode != 0:
        raise ExtractionFailed(_reason(finished))
    return finished.stdout.decode("utf-8", errors="replace")


def _reason(finished):
    lines = finished.stderr.decode("utf-8", errors="replace").strip().splitlines()
    if finished.returncode < 0:
        return f"stopped by signal {-finished.returncode} (time or memory limit)"
    if lines and "MemoryError" in lines[-1]:
        return "needed more memory than allowed"
    return (lines[-1] if lines else f"exit status {finished.returncode}")[:300]


def extract_text_bounded(data, kind, *, seconds, memory_bytes, max_chars=DEFAULT_MAX_CHARS):
    """The text of a document, read in a child process bounded in time and memory."""
    return run_bounded(
        [sys.executable, "-m", "knowledge.extraction", kind, str(max_chars)],
        data,
        seconds=seconds,
        memory_bytes=memory_bytes,
    )


def main(argv):
    kind, max_chars = argv[1], int(argv[2])
    try:
        text = extract_text(sys.stdin.buffer.read(), kind, max_chars=max_chars)
    except ExtractionFailed as failed:
        print(str(failed), file=sys.stderr)
        return 2
    except MemoryError:
        print("MemoryError", file=sys.stderr)
        return 3
    except Exception as error:  # any parser error means "unreadable"
        detail = " ".join(str(error).split())
        print(f"unreadable {kind.upper()} file: {type(error).__name__}: {detail}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
