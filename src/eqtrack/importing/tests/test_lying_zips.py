"""Uploads: a .docx or .xlsx whose declared sizes or CRCs lie is refused with one line naming
it, on the command line and on the web (never a traceback or a 500), and a refused upload is
deleted from uploads/ at once."""

import io
import struct
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from eqtrack.accounts.models import Role
from eqtrack.accounts.tests.factories import member_create
from eqtrack.core.files import FileRefused
from eqtrack.importing.parsing import files_parse
from eqtrack.importing.tests.test_commands import eqtrack
from eqtrack.organisations.models import Organisation
from eqtrack.plans.models import Plan

DOCUMENT = "word/document.xml"
SHEET = "xl/worksheets/sheet1.xml"
REFUSED = "does not match the size or checksum the zip declares for it; refused"


def _docx() -> bytes:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "Action", "Meet the groups."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["theme", "action", "period", "progress"])
    workbook.active.append(["Listening", "Meet the groups.", "2024", "- Met them."])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _lie(data: bytes, member: str, *, size: int | None = None, crc: int | None = None) -> bytes:
    """The zip with the member's declared uncompressed size or CRC-32 changed, in both its
    local header and its central-directory entry; the compressed data itself is untouched."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    fields = [(14, crc), (22, size)]  # offsets in the local header
    for offset, value in fields:
        if value is not None:
            struct.pack_into("<I", out, info.header_offset + offset, value)
    central = data.index(b"PK\x05\x06")
    start = struct.unpack_from("<I", data, central + 16)[0]
    position = start
    while data[position : position + 4] == b"PK\x01\x02":
        name_length, extra, comment = struct.unpack_from("<HHH", data, position + 28)
        if data[position + 46 : position + 46 + name_length] == member.encode():
            for offset, value in [(16, crc), (24, size)]:
                if value is not None:
                    struct.pack_into("<I", out, position + offset, value)
        position += 46 + name_length + extra + comment
    return bytes(out)


def _real(data: bytes, member: str) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo(member)


LIARS = {
    "crc.docx": lambda: _lie(_docx(), DOCUMENT, crc=_real(_docx(), DOCUMENT).CRC ^ 0xFFFF),
    "small.docx": lambda: _lie(_docx(), DOCUMENT, size=_real(_docx(), DOCUMENT).file_size // 3),
    "large.docx": lambda: _lie(_docx(), DOCUMENT, size=_real(_docx(), DOCUMENT).file_size + 99),
    "crc.xlsx": lambda: _lie(_xlsx(), SHEET, crc=_real(_xlsx(), SHEET).CRC ^ 0xFFFF),
    "small.xlsx": lambda: _lie(_xlsx(), SHEET, size=_real(_xlsx(), SHEET).file_size // 3),
}


@pytest.mark.parametrize("name", LIARS)
def test_the_crafted_files_really_lie(name):
    member = SHEET if name.endswith(".xlsx") else DOCUMENT
    with zipfile.ZipFile(io.BytesIO(LIARS[name]())) as archive:
        try:
            unpacked = len(archive.read(member))
        except zipfile.BadZipFile as e:
            assert "Bad CRC-32" in str(e)
        else:  # zipfile stops where the data ends, short of the size declared
            assert unpacked < archive.getinfo(member).file_size


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIARS)
def test_a_lying_zip_is_refused_with_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(LIARS[name]())
    with pytest.raises(FileRefused) as raised:
        if name.endswith(".xlsx"):
            from eqtrack.importing.services import plan_import

            plan_import(paths=[path])
        else:
            files_parse(paths=[path], periods=["2024"])
    message = str(raised.value)
    assert message.startswith(f"{path}: is damaged: ") and REFUSED in message
    assert "\n" not in message


@pytest.mark.parametrize(("command", "name"), [("parse", "crc.docx"), ("import", "crc.xlsx")])
def test_the_command_line_refuses_a_lying_zip_in_one_line(tmp_path, command, name):
    path = tmp_path / name
    path.write_bytes(LIARS[name]())
    args = [command, path] + (["--period", "2024"] if command == "parse" else [])
    run = eqtrack(*args, data_dir=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        f"CommandError: {path}: is damaged: "
        f"{SHEET if name.endswith('.xlsx') else DOCUMENT} {REFUSED}"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["crc.docx", "small.docx", "crc.xlsx"])
def test_the_web_refuses_a_lying_zip_and_deletes_it_at_once(client, tmp_path, name):
    organisation = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    client.force_login(member_create(organisation, Role.ADMINISTRATOR))
    with override_settings(DATA_DIR=tmp_path):
        upload = SimpleUploadedFile(name, LIARS[name]())
        fields = {"files": [upload], "target": "new"}
        if name.endswith(".docx"):
            fields["periods"] = "2024"
        sent = client.post("/maidstone/import/", fields)
        assert sent.status_code == 302
        check = client.get(sent["Location"])
        html = check.content.decode()
        assert check.status_code == 200
        member = SHEET if name.endswith(".xlsx") else DOCUMENT
        assert f"{name}: is damaged: {member} {REFUSED}" in html
        assert "the uploaded files were deleted" in html and "uploads" not in html
        assert not any((tmp_path / "uploads").iterdir())  # gone now, not in 24 hours
        assert client.get(sent["Location"]).status_code == 404
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_choice_error_keeps_the_files_for_another_check(client, tmp_path, seed_paths):
    # Only a refused file is deleted: a wrong link choice can be changed and checked again.
    organisation = Organisation.objects.create(name="Maidstone Borough Council", slug="maidstone")
    client.force_login(member_create(organisation, Role.ADMINISTRATOR))
    with override_settings(DATA_DIR=tmp_path):
        files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in seed_paths]
        sent = client.post(
            "/maidstone/import/", {"files": files, "periods": "2021, 2022", "target": "new"}
        )
        html = client.post(
            sent["Location"], {"check": "1", "links": "NOPE=ALSO", "kept_apart": ""}
        ).content.decode()
        assert "These files cannot be imported" in html
        assert len(list((tmp_path / "uploads").iterdir())) == 1
        assert "Check again</button>" in html


@pytest.mark.django_db
def test_consultation_responses_in_a_lying_workbook_are_one_message(client, django_user_model):
    from eqtrack.consultations.models import Consultation
    from eqtrack.consultations.services import profile_create
    from eqtrack.consultations.weighting import Margin

    organisation = Organisation.objects.create(name="Borough", slug="borough")
    profile = profile_create(
        organisation=organisation, name="Borough 2021", margins=[Margin("age", {"Young": 1})]
    )
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    response = client.post(
        "/admin/consultations/consultation/add/",
        {
            "organisation": organisation.pk,
            "title": "Survey",
            "profile": profile.pk,
            "upload": SimpleUploadedFile("survey.xlsx", LIARS["crc.xlsx"]()),
        },
    )
    assert response.status_code == 200
    assert f"survey.xlsx: is damaged: {SHEET} {REFUSED}" in response.content.decode()
    assert not Consultation.objects.exists()


@pytest.mark.django_db
def test_the_directory_import_refuses_a_lying_workbook(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    Organisation.objects.create(name="Borough", slug="borough")
    path = tmp_path / "groups.xlsx"
    path.write_bytes(LIARS["crc.xlsx"]())
    with pytest.raises(CommandError) as raised:
        call_command("directory-import", str(path), "--organisation", "borough")
    assert str(raised.value) == f"{path}: is damaged: {SHEET} {REFUSED}. Nothing was imported."
