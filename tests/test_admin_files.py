"""Signed agreements: PDF only, stored privately, opened by signed-in staff only."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import AgreementFactory, OfficeFactory
from tests.test_admin import form_data, staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attach(client, agreement, upload):
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = form_data(client.get(url))
    data["signed_document"] = upload
    return client.post(url, data)


@pytest.fixture
def signed(client, editor):
    agreement = AgreementFactory(slug="mou-inpi", parties=[OfficeFactory()])
    client.force_login(editor)
    response = attach(client, agreement, SimpleUploadedFile("signed.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    client.logout()
    agreement.refresh_from_db()
    return agreement


def test_a_file_that_is_not_a_pdf_is_refused_even_with_a_pdf_name(client, editor, tmp_path):
    agreement = AgreementFactory(parties=[OfficeFactory()])
    client.force_login(editor)
    response = attach(client, agreement, SimpleUploadedFile("signed.pdf", b"MZ not a pdf"))
    assert response.status_code == 200
    assert "The file is not a PDF." in response.context["adminform"].form.errors["signed_document"]
    agreement.refresh_from_db()
    assert not agreement.signed_document
    assert not any(tmp_path.rglob("*.pdf"))


def test_staff_download_the_signed_pdf(client, signed, viewer):
    client.force_login(viewer)
    response = client.get(reverse("agreement-document", args=[signed.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mou-inpi.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]


def test_anonymous_visitors_are_sent_to_log_in_and_never_get_the_file(client, signed):
    response = client.get(reverse("agreement-document", args=[signed.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get("/media/" + signed.signed_document.name).status_code == 404


def test_staff_without_view_right_and_non_staff_users_are_refused(client, signed):
    client.force_login(staff("no-rights"))
    assert client.get(reverse("agreement-document", args=[signed.slug])).status_code == 403
    outsider = User.objects.create_user("outsider", password="a long and unusual password")
    client.force_login(outsider)
    assert client.get(reverse("agreement-document", args=[signed.slug])).status_code == 302


def test_the_change_form_links_to_the_private_download(client, signed, editor):
    client.force_login(editor)
    page = client.get(
        reverse("admin:agreements_agreement_change", args=[signed.pk])
    ).content.decode()
    download = reverse("agreement-document", args=[signed.slug])
    assert f'href="{download}"' in page
    assert "/media/" not in page
    assert Agreement.objects.get().signed_document.name.endswith(".pdf")
