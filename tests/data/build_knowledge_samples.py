"""
Builds the documents in tests/data/knowledge/ that the knowledge base's text
extraction is tested with: real PDF, DOCX and ODT files with Russian and
English text, and a corrupt PDF.

Run it again only to change the samples: python tests/data/build_knowledge_samples.py
"""

import io
from pathlib import Path

HERE = Path(__file__).resolve().parent / "knowledge"

RUSSIAN = "Отчёт о визите делегации: побратимских городов стало больше, соглашения подписаны."
ENGLISH = "Twinning agreements between municipalities strengthen cooperation of cities."

# Cyrillic letters by their Adobe glyph names (afii10017 = А, afii10023 = Ё ... afii10097 = я),
# so a PDF with a standard font and a /Differences encoding carries Russian text.
_UPPER = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
GLYPHS = {letter: f"afii{10017 + i}" for i, letter in enumerate(_UPPER)}
GLYPHS.update({letter: f"afii{10065 + i}" for i, letter in enumerate(_LOWER)})


def pdf(lines):
    """A one-page PDF showing ``lines`` in Helvetica; Cyrillic through a /Differences encoding."""
    letters = sorted({ch for line in lines for ch in line if ch in GLYPHS})
    codes = {letter: 128 + i for i, letter in enumerate(letters)}
    differences = " ".join(f"/{GLYPHS[letter]}" for letter in letters)

    def encode(line):
        out = bytearray()
        for ch in line:
            if ch in codes:
                out.append(codes[ch])
            elif ch in "()\\":
                out += b"\\" + ch.encode()
            else:
                out += ch.encode("latin-1")
        return bytes(out)

    content = b"BT /F1 11 Tf 40 750 Td 14 TL\n"
    for line in lines:
        content += b"(" + encode(line) + b") Tj T*\n"
    content += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [128 " + differences.encode() + b"] >> >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def docx(paragraphs):
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt(paragraphs):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def corrupt_pdf():
    """Starts like a PDF (so the upload check takes it), then nothing a reader can follow."""
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 8


SAMPLES = {
    "report-ru.pdf": pdf([RUSSIAN]),
    "agreements-en.pdf": pdf([ENGLISH]),
    "report-ru.docx": docx([RUSSIAN, "Межмуниципальная дипломатия."]),
    "protocol-ru.odt": odt([RUSSIAN]),
    "corrupt.pdf": corrupt_pdf(),
}

if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    for name, content in SAMPLES.items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content)} bytes")
