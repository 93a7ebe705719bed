import posixpath

from django.http import FileResponse, Http404

from .checks import mime_type_of


def protected_file_response(field_file):
    """
    Hand out a stored file as a download. The caller has already checked that
    the person asking may see the object the file belongs to.
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    filename = posixpath.basename(field_file.name)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=mime_type_of(filename)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
