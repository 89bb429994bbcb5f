"""DiWoo 0.9.8 metadata: valid against the kept schema (resolved offline), with TOOI values
that are in the schema's own lists."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from lxml import etree

from regie.woo.export import diwoo

NS = {"diwoo": diwoo.NS}
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "diwoo-0.9.8"


def record(**changes: Any) -> diwoo.DiWooRecord:
    made = diwoo.DiWooRecord(
        identifier="https://regie.example/openbaar/publicaties/7",
        official_title="Vastgesteld verslag TER-overleg van 15 juni 2021",
        information_category=diwoo.WOO_VERZOEKEN,
        document_type=diwoo.VERGADERVERSLAG,
        adopted_at=dt.date(2021, 7, 13),
        publisher=diwoo.default_publisher(),
        created=dt.date(2021, 6, 15),
        description="Verslag van het TER-overleg, gelakt op grond van de Woo.",
        keywords=("radicalisering", "TER-overleg"),
        other_identifiers=("regie:publicatie:7",),
    )
    return dataclasses.replace(made, **changes)


def test_the_metadata_is_valid_against_the_schema() -> None:
    xml = diwoo.diwoo_xml(record())
    diwoo.validate(xml)
    root = etree.fromstring(xml)
    assert root.tag == f"{{{diwoo.NS}}}Document"

    def one(path: str) -> Any:
        (found,) = root.xpath(path, namespaces=NS)
        return found

    assert one("//diwoo:publisher").get("resource").endswith("/gemeente/gm0363")
    assert one("//diwoo:publisher").text == "gemeente Amsterdam"
    assert one("//diwoo:officieleTitel").text == record().official_title
    assert one("//diwoo:informatiecategorie").get("resource").endswith("c_3baef532")
    assert one("//diwoo:documentsoort").text == "vergaderverslag"
    assert one("//diwoo:soortHandeling").text == "vaststelling"
    assert one("//diwoo:soortHandeling").get("resource").endswith("c_641ecd76")
    assert one("//diwoo:atTime").text == "2021-07-13T00:00:00+02:00"
    assert one("//diwoo:language").get("resource").endswith("/language/NLD")
    assert one("//diwoo:format").get("resource").endswith("/file-type/PDF")
    assert one("//diwoo:creatiedatum").text == "2021-06-15"
    identifiers = [i.text for i in root.xpath("//diwoo:identifier", namespaces=NS)]
    assert identifiers == [record().identifier, "regie:publicatie:7"]


@pytest.mark.parametrize(
    "changes",
    [
        {"information_category": diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN},
        {"document_type": diwoo.BESLUIT, "information_category": diwoo.OVERIGE_BESLUITEN},
        {"document_type": diwoo.BESLUITENLIJST},
        {"format": diwoo.TXT, "description": "", "keywords": (), "created": None},
        {"adopted_at": dt.datetime(2021, 7, 13, 15, 30, tzinfo=dt.UTC)},
    ],
)
def test_every_variant_regie_writes_is_valid(changes: dict[str, Any]) -> None:
    diwoo.validate(diwoo.diwoo_xml(record(**changes)))


def test_a_time_of_adoption_keeps_its_offset() -> None:
    xml = diwoo.diwoo_xml(record(adopted_at=dt.datetime(2021, 7, 13, 15, 30, tzinfo=dt.UTC)))
    assert b"<diwoo:atTime>2021-07-13T17:30:00+02:00</diwoo:atTime>" in xml


@pytest.mark.parametrize(
    "term",
    [
        ("informatiecategorielijst", diwoo.WOO_VERZOEKEN),
        ("informatiecategorielijst", diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN),
        ("informatiecategorielijst", diwoo.OVERIGE_BESLUITEN),
        ("documentsoortlijst", diwoo.VERGADERVERSLAG),
        ("documentsoortlijst", diwoo.BESLUITENLIJST),
        ("documentsoortlijst", diwoo.BESLUIT),
        ("documentsoortlijst", diwoo.VERGADERSTUK),
        ("soorthandelinglijst", diwoo.VASTSTELLING),
        ("taallijst", diwoo.DUTCH),
        ("formatlijst", diwoo.PDF),
        ("formatlijst", diwoo.TXT),
        ("formatlijst", diwoo.CSV),
    ],
)
def test_each_constant_is_in_its_tooi_list_with_its_label(term: tuple[str, diwoo.Term]) -> None:
    name, value = term
    assert diwoo.value_list(name)[value.resource] == value.label


def test_a_value_outside_the_lists_is_invalid() -> None:
    wrong = diwoo.Term(f"{diwoo.KERN}c_00000000", "verzonnen")
    with pytest.raises(diwoo.DiWooInvalid, match="informatiecategorie"):
        diwoo.validate(diwoo.diwoo_xml(record(information_category=wrong)))
    with pytest.raises(diwoo.DiWooInvalid, match="documentsoort"):
        diwoo.validate(diwoo.diwoo_xml(record(document_type=diwoo.WOO_VERZOEKEN)))


def test_missing_required_parts_are_invalid() -> None:
    xml = diwoo.diwoo_xml(record())
    root = etree.fromstring(xml)
    for handling in root.xpath("//diwoo:documenthandelingen", namespaces=NS):
        handling.getparent().remove(handling)
    with pytest.raises(diwoo.DiWooInvalid, match="documenthandelingen"):
        diwoo.validate(etree.tostring(root))


def test_the_publisher_comes_from_the_setting_and_the_lists() -> None:
    with override_settings(
        REGIE_WOO_PUBLISHER="https://identifier.overheid.nl/tooi/id/gemeente/gm0362"
    ):
        assert diwoo.default_publisher() == diwoo.Term(
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0362", "gemeente Amstelveen"
        )
    with (
        override_settings(REGIE_WOO_PUBLISHER="https://example.org/not-tooi"),
        pytest.raises(ValueError, match="none of the TOOI organisation lists"),
    ):
        diwoo.default_publisher()


def test_the_mdto_import_resolves_to_the_local_stand_in() -> None:
    """An mdto:MDTO element is accepted only if the schema's MDTO import was resolved (to the
    stand-in): libxml2 would otherwise not know the element."""
    xml = (
        b'<diwoo:Document xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/"'
        b' xmlns:mdto="https://www.nationaalarchief.nl/mdto"><mdto:MDTO/></diwoo:Document>'
    )
    diwoo.validate(xml)


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the schema tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    diwoo.schema.cache_clear()
    try:
        diwoo.validate(diwoo.diwoo_xml(record()))
    finally:
        diwoo.schema.cache_clear()


def test_the_kept_schema_is_the_shared_one() -> None:
    if not SHARED.is_dir():
        pytest.skip("shared/standards is not next to this checkout")
    for name in ("diwoo-metadata.xsd", "diwoo-metadata-lijsten.xsd"):
        assert (diwoo.SCHEMA_DIR / name).read_bytes() == (SHARED / name).read_bytes()
