"""The pages' forms take malformed text without a 500: a lone surrogate cannot survive
Django's decoding of a form (it becomes U+FFFD), and a NUL is refused by the form."""

from django.urls import reverse

from newcourse.elections.models import RecallPetition


def recall_form(client, tree, make_member, officer_of):
    officer = officer_of(tree["north"])
    signer = make_member(tree["north"], name="Signer")
    client.force_login(signer.person)
    return reverse("recall_open", args=[officer.terms.get().pk])


def test_a_lone_surrogate_in_a_form_is_read_as_a_replacement_character(
    client, tree, make_member, officer_of
):
    url = recall_form(client, tree, make_member, officer_of)
    response = client.generic(
        "POST", url, b"reason=Absent%ED%A0%80", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert RecallPetition.objects.get().reason == "Absent\ufffd\ufffd\ufffd"


def test_a_lone_surrogate_in_a_multipart_form_is_read_as_a_replacement_character(
    client, tree, make_member, officer_of
):
    url = recall_form(client, tree, make_member, officer_of)
    boundary = "XYZ"
    body = (
        b'--XYZ\r\nContent-Disposition: form-data; name="reason"\r\n\r\nAbsent\xed\xa0\x80\r\n'
        b"--XYZ--\r\n"
    )
    response = client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 302
    assert RecallPetition.objects.get().reason == "Absent\ufffd\ufffd\ufffd"


def test_a_nul_character_in_a_form_is_refused_on_the_page(client, tree, make_member, officer_of):
    url = recall_form(client, tree, make_member, officer_of)
    response = client.post(url, {"reason": "Absent\x00"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not RecallPetition.objects.exists()
