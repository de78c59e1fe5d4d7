"""Spreadsheets made the way real ones are, with the libraries that write them.

- ``newsroom.xlsx`` (openpyxl): a "Read me" sheet first, then the events under a merged
  title and a two-row header (``When`` over ``Start`` and ``End``, ``Source`` over ``Name``
  and ``Link``), typed date cells (one with a time), text dates in French, German, Turkish
  and Arabic, a range and a qualifier in words, empty rows, a merged heading row, a group
  written once over two rows, a column of the reporter's own, and a second sheet of dates.
- ``chronologie.ods`` (odfpy): French headers, a merged title, typed date and date-time
  cells, a year typed as a number, text dates, a place merged over two rows, empty rows,
  and a second sheet ``Brouillon``.
- ``google_sheets.csv``: what Google Sheets downloads (UTF-8, CRLF, quoted cells with commas
  and line breaks), with dates as an American sheet shows them (month first).
- ``excel_export.csv``: what French Excel saves as "CSV (séparateur: point-virgule)":
  Windows-1252, ``;`` separators, dates as serial day numbers.
"""

from __future__ import annotations

import io
from datetime import date, datetime

__all__ = ["FIXTURES", "chronologie_ods", "excel_csv", "google_csv", "newsroom_xlsx"]


def newsroom_xlsx() -> bytes:
    """The newsroom workbook (see the module docstring)."""
    from openpyxl import Workbook

    book = Workbook()
    readme = book.active
    assert readme is not None
    readme.title = "Read me"
    readme["A1"] = "Chronology kept by the Africa desk."
    readme["A2"] = "Add a row per event; keep dates as they were reported."
    sheet = book.create_sheet("Events")
    sheet.merge_cells("A1:H1")
    sheet["A1"] = "Sudan: the battle for Khartoum"
    sheet.merge_cells("A2:B2")
    sheet["A2"] = "When"
    for col, name in (("C", "Event"), ("F", "Location"), ("G", "Category"), ("H", "Reporter")):
        sheet.merge_cells(f"{col}2:{col}3")
        sheet[f"{col}2"] = name
    sheet.merge_cells("D2:E2")
    sheet["D2"] = "Source"
    sheet["A3"], sheet["B3"], sheet["D3"], sheet["E3"] = "Start", "End", "Name", "Link"
    rows: list[tuple[object, ...]] = [
        (
            date(2023, 4, 15),
            None,
            "Fighting breaks out in Khartoum",
            "Reuters",
            "https://www.reuters.com/world/africa/sudan-1",
            "Khartoum",
            "Fighting",
            "Amal",
        ),
        (
            datetime(2023, 4, 16, 9, 30),
            None,
            "Airport hit by shelling",
            "AP",
            "https://apnews.com/article/sudan-2",
            "Khartoum",
            None,
            "Amal",
        ),
        (),
        (
            "15 avril 2023",
            "present",
            "Residents flee the capital",
            None,
            None,
            "Khartoum",
            "Civilians",
            "Jean",
        ),
        ("15–20 April 2023", None, "First truce attempts", None, None, None, "Diplomacy", None),
        ("Phase two",),
        (
            "20. April 2023",
            None,
            "Embassies evacuate staff",
            "Auswärtiges Amt",
            None,
            "Khartoum",
            "Civilians",
            "Lena",
        ),
        ("Mayıs 2023", None, "Talks open in Jeddah", None, None, "Jeddah", None, None),
        ("أيار 2023", None, "Aid convoys cross from Egypt", None, None, None, None, "Omar"),
        (),
        ("c. 2019", None, "Resistance committees take root", None, None, None, None, None),
        ("20/05/2023", "27/05/2023", "A week-long ceasefire", None, None, None, "Diplomacy", None),
    ]
    for number, values in enumerate(rows, start=4):
        if values == ("Phase two",):
            sheet.merge_cells(f"A{number}:H{number}")
            sheet[f"A{number}"] = "Phase two"
            continue
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=number, column=col, value=value)
    # The category written once for two events, as people merge cells.
    sheet.merge_cells("G11:G12")
    sheet["G11"] = "Diplomacy"
    drafts = book.create_sheet("Drafts")
    drafts.append(["Date", "Title"])
    drafts.append([date(2023, 6, 1), "Not yet checked"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def chronologie_ods() -> bytes:
    """The French workbook (see the module docstring)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()

    def text(value: str, **spans: str) -> TableCell:
        cell = TableCell(valuetype="string", **spans)
        cell.addElement(P(text=value))
        return cell

    def day(value: str) -> TableCell:
        cell = TableCell(valuetype="date", datevalue=value)
        cell.addElement(P(text=value))
        return cell

    def number(value: str) -> TableCell:
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=value))
        return cell

    def table(name: str, rows: list[list[TableCell]]) -> Table:
        t = Table(name=name)
        for cells in rows:
            row = TableRow()
            for cell in cells:
                row.addElement(cell)
            t.addElement(row)
        return t

    headers = ["Date de début", "Date de fin", "Titre", "Lieu", "Résumé", "Catégorie"]
    events = table(
        "Chronologie",
        [
            [
                text("Élections législatives", numbercolumnsspanned="6"),
                *[CoveredTableCell() for _ in range(5)],
            ],
            [],
            [text(h) for h in headers],
            [
                day("2024-06-09"),
                text(""),
                text("Dissolution de l'Assemblée"),
                text("Paris", numberrowsspanned="2"),
                text("Annoncée le soir des européennes."),
                text("Institutions"),
            ],
            [
                day("2024-06-30T08:00:00"),
                text(""),
                text("Premier tour"),
                CoveredTableCell(),
                text(""),
                text("Vote"),
            ],
            [],
            [
                text("7 juillet 2024"),
                text(""),
                text("Second tour"),
                text("France"),
                text(""),
                text("Vote"),
            ],
            [
                text("juillet 2024"),
                text("septembre 2024"),
                text("Gouvernement démissionnaire"),
                text(""),
                text(""),
                text("Institutions"),
            ],
            [
                number("2017"),
                text(""),
                text("Élection d'Emmanuel Macron"),
                text(""),
                text(""),
                text("Vote"),
            ],
            [
                text("5. September 2024"),
                text(""),
                text("Nomination du Premier ministre"),
                text("Matignon"),
                text("Datum aus der deutschen Presse."),
                text("Institutions"),
            ],
            [
                text("Ekim 2024"),
                text(""),
                text("Budget présenté"),
                text(""),
                text(""),
                text("Institutions"),
            ],
        ],
    )
    draft = table(
        "Brouillon",
        [[text("Date"), text("Titre")], [day("2024-12-04"), text("Motion de censure")]],
    )
    doc.spreadsheet.addElement(events)
    doc.spreadsheet.addElement(draft)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def google_csv() -> bytes:
    """A Google Sheets download of an American newsroom sheet (month-first dates)."""
    rows = [
        "Start Date,End Date,Headline,Text,Tags,Importance,Link",
        '4/3/2023,,Indictment unsealed,"Charges filed in Manhattan, 34 counts",'
        '"courts, new york",3,https://example.org/indictment',
        '4/15/2023,,Rally in Waco,"First rally since the charges.\nCrowd estimates vary.",'
        "campaign,,",
        "6/8/2023,6/13/2023,Documents case,Second indictment and arraignment,courts,,",
        "Aug 2023,,Georgia charges,,courts,,",
        "2024,,Primaries,,campaign,1,",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


def excel_csv() -> bytes:
    """A French Excel "CSV (séparateur: point-virgule)": Windows-1252, serial dates."""
    rows = [
        "Date;Fin;Titre;Lieu;Source",
        "45031;;Assemblée générale;Paris;Le Monde",
        "45032,5;;Conférence de presse à midi;Lyon;",
        "45047;45049;Grève des éboueurs;Marseille;France Info",
        "mars 2023;;Réforme adoptée par 49.3;Paris;",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


#: name -> (bytes maker, file name)
FIXTURES = {
    "newsroom": (newsroom_xlsx, "newsroom.xlsx"),
    "chronologie": (chronologie_ods, "chronologie.ods"),
    "google_sheets": (google_csv, "google_sheets.csv"),
    "excel_export": (excel_csv, "excel_export.csv"),
}
