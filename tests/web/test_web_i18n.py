"""Translations: the .po → .mo compiler, the French catalogue, and pages served in French."""

from __future__ import annotations

import ast
import copy
import gettext
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from newcourse.i18n import compile_catalogues, po_compile, po_read

SOURCE = Path(__file__).resolve().parents[2] / "src" / "newcourse"
LOCALE = SOURCE / "locale"
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


def test_compiler_refuses_an_unreadable_catalogue_naming_its_line(tmp_path):
    po_path, mo_path = tmp_path / "broken.po", tmp_path / "broken.mo"
    po_path.write_text('msgid "Office"\nmsgstr "Mandat"\nnot a keyword\n', encoding="utf-8")

    with pytest.raises(OSError, match=r"broken\.po \(line 3\)"):
        po_compile(po_path, mo_path)

    assert list(tmp_path.iterdir()) == [po_path]


def test_french_catalogue_compiles_to_translations_gettext_reads(tmp_path):
    mo_path = tmp_path / "django.mo"

    po_compile(FRENCH, mo_path)

    with mo_path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert (catalogue.gettext("My bodies"), catalogue.gettext("Log in")) == (
        "Mes instances",
        "Se connecter",
    )
    assert [catalogue.ngettext("%(seats)s seat", "%(seats)s seats", n) for n in (1, 2)] == [
        "%(seats)s siège",
        "%(seats)s sièges",
    ]


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
    catalogue = po_read(FRENCH)
    plurals = [entry for entry in catalogue if entry.msgid_plural]

    assert [entry.msgid for entry in catalogue if entry.fuzzy] == []
    assert [entry.msgid for entry in catalogue if not entry.translated()] == []
    assert [sorted(entry.msgstr_plural) for entry in plurals] == [[0, 1]] * len(plurals)


def translations(entry: polib.POEntry) -> list[str]:
    """The one translation of an entry, or each of its plural forms."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[form] for form in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_french_catalogue_keeps_every_placeholder():
    mismatched = []
    for entry in po_read(FRENCH):
        expected = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        for msgstr in translations(entry):
            if set(PLACEHOLDER.findall(msgstr)) != expected:
                mismatched.append((entry.msgid, msgstr))
    assert mismatched == []


# What `makemessages` would extract, found without GNU gettext. A key is (context, msgid,
# plural), as the catalogue holds it; the arguments each gettext function takes, in order.
Key = tuple[str | None, str, str | None]
GETTEXT_ARGUMENTS = {
    "_": ("msgid",),
    "gettext": ("msgid",),
    "gettext_lazy": ("msgid",),
    "gettext_noop": ("msgid",),
    "ngettext": ("msgid", "plural"),
    "ngettext_lazy": ("msgid", "plural"),
    "pgettext": ("context", "msgid"),
    "pgettext_lazy": ("context", "msgid"),
    "npgettext": ("context", "msgid", "plural"),
    "npgettext_lazy": ("context", "msgid", "plural"),
}
_QUOTED = r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
# Django's `templatize` (what makemessages runs on templates) turns {% translate %},
# {% blocktranslate %} (variables, `count`, `context`, `trimmed`) and _("…") in tags into
# gettext calls with literal arguments, and blanks everything else out with letters.
TEMPLATIZED_CALL = re.compile(
    rf"\b(_|gettext|ngettext|pgettext|npgettext)\(\s*((?:{_QUOTED}\s*,\s*)*{_QUOTED})"
    r"\s*(?:,\s*count\s*)?\)"
)


def _key(function: str, arguments: tuple[str, ...]) -> Key:
    named = dict(zip(GETTEXT_ARGUMENTS[function], arguments, strict=False))
    return named.get("context"), named["msgid"], named.get("plural")


def python_msgids(path: Path) -> Iterator[tuple[Key, int]]:
    """Each gettext call with literal strings in a Python file, and its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        if name not in GETTEXT_ARGUMENTS:
            continue
        wanted = node.args[: len(GETTEXT_ARGUMENTS[name])]
        if len(wanted) == len(GETTEXT_ARGUMENTS[name]) and all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in wanted
        ):
            yield _key(name, tuple(a.value for a in wanted)), node.lineno


def template_msgids(path: Path) -> Iterator[tuple[Key, int]]:
    """Each {% translate %}, {% blocktranslate %} and _("…") in a template, and its line."""
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in TEMPLATIZED_CALL.finditer(text):
        arguments = ast.literal_eval(f"({match[2]},)")
        yield _key(match[1], arguments), text.count("\n", 0, match.start()) + 1


def source_msgids(root: Path = SOURCE) -> dict[Key, list[str]]:
    """Every message the source marks for translation, with where it is used."""
    found: dict[Key, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            messages = python_msgids(path)
        elif "templates" in path.parts and path.suffix in {".html", ".txt"}:
            messages = template_msgids(path)
        else:
            continue
        for key, line in messages:
            found.setdefault(key, []).append(f"{path.relative_to(root)}:{line}")
    return found


def catalogue_key(entry: polib.POEntry) -> Key:
    """An entry's (context, msgid, plural), as `source_msgids` finds them in the source."""
    return entry.msgctxt, entry.msgid, entry.msgid_plural or None


def untranslated(used: dict[Key, list[str]], catalogue: Iterable[polib.POEntry]) -> list[str]:
    """The messages in use that have no translation: missing, empty or fuzzy."""
    translated = {catalogue_key(entry) for entry in catalogue if entry.translated()}
    return [
        f"{where[0]}: {key[1]!r}" + (f" (context {key[0]!r})" if key[0] else "")
        for key, where in sorted(used.items(), key=lambda item: item[1][0])
        if key not in translated
    ]


SAMPLE_PY = """from django.utils.translation import gettext_lazy as _, ngettext, pgettext
from django.utils import translation

TITLE = _("Office holders")
COUNT = ngettext("%(n)s seat", "%(n)s seats", 2)
VERB = pgettext("verb", "Second")
LONG = translation.gettext("A message " "in two parts")
NOT_LITERAL = _(TITLE)
"""

SAMPLE_TEMPLATE = """{% load i18n %}<h1>{% translate "Offices" %}</h1>
<p>{% translate 'Second' context "verb" %} {% translate "Body" as label %}</p>
{% blocktranslate with name=body.name %}Offices of {{ name }}, 100%{% endblocktranslate %}
{% blocktranslate trimmed count seats=office.seats %}
  {{ seats }} seat
{% plural %}
  {{ seats }} seats
{% endblocktranslate %}
{% some_tag label=_("Tag argument") %}{{ value|default:_("Nobody") }}
"""


def test_source_messages_are_found_in_python_and_templates(tmp_path):
    (tmp_path / "views.py").write_text(SAMPLE_PY, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(SAMPLE_TEMPLATE, encoding="utf-8")

    found = source_msgids(tmp_path)

    assert found == {
        (None, "Office holders", None): ["views.py:4"],
        (None, "%(n)s seat", "%(n)s seats"): ["views.py:5"],
        ("verb", "Second", None): ["templates/page.html:2", "views.py:6"],
        (None, "A message in two parts", None): ["views.py:7"],
        (None, "Offices", None): ["templates/page.html:1"],
        (None, "Body", None): ["templates/page.html:2"],
        (None, "Offices of %(name)s, 100%%", None): ["templates/page.html:3"],
        (None, "%(seats)s seat", "%(seats)s seats"): ["templates/page.html:4"],
        (None, "Tag argument", None): ["templates/page.html:9"],
        (None, "Nobody", None): ["templates/page.html:9"],
    }


def test_untranslated_reports_a_missing_empty_or_fuzzy_entry():
    catalogue = list(po_read(FRENCH))
    entry = catalogue[0]
    used: dict[Key, list[str]] = {catalogue_key(entry): ["p.html:3"]}
    others = [other for other in catalogue if other is not entry]
    empty, fuzzy = copy.deepcopy(entry), copy.deepcopy(entry)
    empty.msgstr, empty.msgstr_plural = "", dict.fromkeys(entry.msgstr_plural, "")
    fuzzy.flags.append("fuzzy")

    reports = [untranslated(used, c) for c in (catalogue, others, [*others, empty], [fuzzy])]

    assert reports == [[], *[[f"p.html:3: {entry.msgid!r}"]] * 3]


def test_every_source_message_has_a_french_translation():
    catalogue = po_read(FRENCH)

    missing = untranslated(source_msgids(), catalogue)

    assert missing == [], "No French in locale/fr/LC_MESSAGES/django.po for:\n" + "\n".join(missing)


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
