"""Translations: the .po → .mo compiler, the French catalogue, and pages served in French."""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from newcourse.i18n import compile_catalogues, po_compile, po_read

LOCALE = Path(__file__).resolve().parents[2] / "src" / "newcourse" / "locale"
FRENCH = LOCALE / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%%|%[sd]|\{\{[^}]*\}\}")

SAMPLE_PO = r"""# A comment.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#, python-format
msgid "%(n)s seat"
msgid_plural "%(n)s seats"
msgstr[0] "%(n)s siège"
msgstr[1] "%(n)s sièges"

msgctxt "verb"
msgid "Second"
msgstr "Appuyer"

msgid "Say \"yes\"\tor \\ no"
msgstr "Dites « oui »\tou \\ \"non\""

msgid ""
"A long message "
"over two lines.\n"
"And a second one."
msgstr ""
"Un long message "
"sur deux lignes.\n"
"Et une deuxième."

#, fuzzy
msgid "Guessed"
msgstr "Deviné"

msgid "Untranslated"
msgstr ""

#~ msgid "Obsolete"
#~ msgstr "Obsolète"
"""


def test_compiler_round_trips_plural_context_escapes_and_lines(tmp_path):
    po_path, mo_path = tmp_path / "sample.po", tmp_path / "out" / "sample.mo"
    po_path.write_text(SAMPLE_PO, encoding="utf-8")

    po_compile(po_path, mo_path)

    with mo_path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert [catalogue.ngettext("%(n)s seat", "%(n)s seats", n) for n in (0, 1, 2)] == [
        "%(n)s siège",
        "%(n)s siège",
        "%(n)s sièges",
    ]
    assert catalogue.pgettext("verb", "Second") == "Appuyer"
    assert catalogue.gettext("Second") == "Second"
    assert catalogue.gettext('Say "yes"\tor \\ no') == 'Dites « oui »\tou \\ "non"'
    assert catalogue.gettext("A long message over two lines.\nAnd a second one.") == (
        "Un long message sur deux lignes.\nEt une deuxième."
    )
    assert catalogue.gettext("Guessed") == "Guessed"
    assert catalogue.gettext("Untranslated") == "Untranslated"
    assert catalogue.gettext("Obsolete") == "Obsolete"
    assert catalogue.info()["plural-forms"] == "nplurals=2; plural=(n > 1);"


def test_compile_catalogues_writes_missing_or_stale_only(tmp_path):
    source, target = tmp_path / "locale", tmp_path / "home" / "locale"
    po_path = source / "fr" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(SAMPLE_PO, encoding="utf-8")
    mo_path = target / "fr" / "LC_MESSAGES" / "django.mo"

    first = compile_catalogues(source, target)
    second = compile_catalogues(source, target)
    os.utime(po_path, (mo_path.stat().st_mtime + 10,) * 2)
    third = compile_catalogues(source, target)

    assert (first, second, third) == ([mo_path], [], [mo_path])
    assert [p.name for p in mo_path.parent.iterdir()] == ["django.mo"]


def test_french_catalogue_has_no_fuzzy_or_untranslated_entries():
    messages = po_read(FRENCH.read_text(encoding="utf-8"), source=str(FRENCH))

    assert [m.msgid for m in messages if m.fuzzy] == []
    assert [m.msgid for m in messages[1:] if not m.translated] == []
    assert [len(m.msgstr) for m in messages if m.msgid_plural] == [2] * sum(
        1 for m in messages if m.msgid_plural
    )


def test_french_catalogue_keeps_every_placeholder():
    mismatched = []
    for message in po_read(FRENCH.read_text(encoding="utf-8"))[1:]:
        expected = set(PLACEHOLDER.findall(message.msgid + (message.msgid_plural or "")))
        for msgstr in message.msgstr:
            if set(PLACEHOLDER.findall(msgstr)) != expected:
                mismatched.append((message.msgid, msgstr))
    assert mismatched == []


def test_languages_offer_english_and_french():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "fr"]


def test_french_catalogue_is_compiled_into_the_data_directory():
    mo_path = Path(settings.NEWCOURSE_HOME) / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    assert mo_path.stat().st_mtime >= FRENCH.stat().st_mtime


@pytest.fixture
def member_client(client, tree, make_member):
    member = make_member(tree["north"], name="Plain Member")
    client.force_login(member.person)
    return client


def test_dashboard_in_french_with_accept_language(member_client):
    response = member_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="fr")

    page = response.content.decode()
    assert (response.status_code, response["Content-Language"]) == (200, "fr")
    assert "Mes instances" in page
    assert '<option value="fr" selected>Français</option>' in page


def test_login_page_in_french_with_language_cookie(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get(reverse("login"))

    assert "Se connecter" in response.content.decode()


def test_language_picker_shown_in_english(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert '<select name="language" id="language">' in page
    assert '<option value="fr">French</option>' in page


def test_django_own_messages_come_in_french():
    with translation.override("fr"):
        with pytest.raises(ValidationError) as raised:
            forms.EmailField().clean("")
        messages = raised.value.messages  # lazy: read while French is active

    assert messages == ["Ce champ est obligatoire."]
