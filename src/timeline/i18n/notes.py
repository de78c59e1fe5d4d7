"""The words of the updates and corrections note (``timeline diff --format md``), in every
supported locale.

One table per locale, so a translator reviews a language in one place. Each template is one
clause of the note ("corrected the date of {title} from {before} to {after}"), with named
places for what varies: ``title`` (the event's quoted title), ``before`` and ``after``
(dates, certainties, lanes, places), ``names`` (sources), ``n`` (a count). The clauses are
worded so that nothing in them agrees in gender or case with the titles, lanes and places
put into them. Certainty words are the note's own: the text outputs' are adjectives for an
event, and "reported" (the default) is never shown there.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NOTE_WORDS", "NoteWords", "note_words"]


@dataclass(frozen=True, slots=True)
class NoteWords:
    """The clauses of the note in one language (see the module's docstring)."""

    updated: str
    and_: str
    added: str
    removed: str
    more_precise: str
    redated: str
    retitled: str
    summary: str
    confirmed: str
    certainty: str
    certainties: dict[str, str]
    milestone: str
    not_milestone: str
    importance: str
    source_added: str
    sources_added: str
    source_removed: str
    sources_removed: str
    placed: str
    taken_out: str
    moved: str
    place_added: str
    place_removed: str
    place_changed: str
    source_corrected: str
    lane_renamed: str
    era_added: str
    era_removed: str
    era_redated: str
    retitled_chronology: str
    subtitle_changed: str
    subtitle_removed: str


NOTE_WORDS: dict[str, NoteWords] = {
    "en": NoteWords(
        updated="Updated {}",
        and_=" and ",
        added="added {}",
        removed="removed {}",
        more_precise="gave a more precise date for {title}: {after} (previously {before})",
        redated="corrected the date of {title} from {before} to {after}",
        retitled="corrected the title {before} to {title}",
        summary="updated the summary of {title}",
        confirmed="confirmed {title} (previously {before})",
        certainty="marked {title} as {after} (previously {before})",
        certainties={
            "reported": "reported",
            "confirmed": "confirmed",
            "claimed": "claimed",
            "disputed": "disputed",
        },
        milestone="marked {title} as a milestone",
        not_milestone="removed the milestone mark from {title}",
        importance="changed the importance of {title} from {before} to {after}",
        source_added="added a source for {title}: {names}",
        sources_added="added {n} sources for {title}: {names}",
        source_removed="removed a source from {title}: {names}",
        sources_removed="removed {n} sources from {title}: {names}",
        placed="placed {title} in {after}",
        taken_out="took {title} out of {before}",
        moved="moved {title} from {before} to {after}",
        place_added="added the place of {title}: {after}",
        place_removed="removed the place of {title}",
        place_changed="corrected the place of {title} from {before} to {after}",
        source_corrected="corrected the source {}",
        lane_renamed="renamed the lane {before} to {after}",
        era_added="added the era {title} ({after})",
        era_removed="removed the era {title}",
        era_redated="corrected the dates of the era {title} from {before} to {after}",
        retitled_chronology="retitled the chronology {}",
        subtitle_changed="changed the subtitle",
        subtitle_removed="removed the subtitle",
    ),
    "fr": NoteWords(
        updated="Mis à jour le {}",
        and_=" et ",
        added="ajout de {}",
        removed="suppression de {}",
        more_precise="date précisée pour {title}\u202f: {after} (auparavant {before})",
        redated="correction de la date de {title}\u202f: {after} (auparavant {before})",
        retitled="correction du titre {before} en {title}",
        summary="mise à jour du résumé de {title}",
        confirmed="confirmation de {title} (auparavant {before})",
        certainty="certitude de {title}\u202f: {after} (auparavant {before})",
        certainties={
            "reported": "rapporté",
            "confirmed": "confirmé",
            "claimed": "allégué",
            "disputed": "contesté",
        },
        milestone="{title} marqué comme étape clé",
        not_milestone="{title} n'est plus marqué comme étape clé",
        importance="importance de {title}\u202f: {after} (auparavant {before})",
        source_added="ajout d'une source pour {title}\u202f: {names}",
        sources_added="ajout de {n} sources pour {title}\u202f: {names}",
        source_removed="retrait d'une source de {title}\u202f: {names}",
        sources_removed="retrait de {n} sources de {title}\u202f: {names}",
        placed="ajout de {title} à la ligne {after}",
        taken_out="retrait de {title} de la ligne {before}",
        moved="déplacement de {title} de la ligne {before} à la ligne {after}",
        place_added="ajout du lieu de {title}\u202f: {after}",
        place_removed="suppression du lieu de {title}",
        place_changed="correction du lieu de {title}\u202f: {after} (auparavant {before})",
        source_corrected="correction de la source {}",
        lane_renamed="ligne {before} renommée {after}",
        era_added="ajout de la période {title} ({after})",
        era_removed="suppression de la période {title}",
        era_redated="correction des dates de la période {title}\u202f: {after} "
        "(auparavant {before})",
        retitled_chronology="nouveau titre de la chronologie\u202f: {}",
        subtitle_changed="modification du sous-titre",
        subtitle_removed="suppression du sous-titre",
    ),
    "de": NoteWords(
        updated="Aktualisiert am {}",
        and_=" und ",
        added="{} hinzugefügt",
        removed="{} entfernt",
        more_precise="Datum von {title} präzisiert: {after} (zuvor {before})",
        redated="Datum von {title} korrigiert: {after} (zuvor {before})",
        retitled="Titel {before} korrigiert zu {title}",
        summary="Zusammenfassung von {title} aktualisiert",
        confirmed="{title} bestätigt (zuvor {before})",
        certainty="Gewissheit von {title} geändert: {after} (zuvor {before})",
        certainties={
            "reported": "gemeldet",
            "confirmed": "bestätigt",
            "claimed": "behauptet",
            "disputed": "umstritten",
        },
        milestone="{title} als Meilenstein markiert",
        not_milestone="Meilenstein-Markierung von {title} entfernt",
        importance="Wichtigkeit von {title} geändert: {after} (zuvor {before})",
        source_added="eine Quelle für {title} hinzugefügt: {names}",
        sources_added="{n} Quellen für {title} hinzugefügt: {names}",
        source_removed="eine Quelle von {title} entfernt: {names}",
        sources_removed="{n} Quellen von {title} entfernt: {names}",
        placed="{title} in die Spur {after} eingeordnet",
        taken_out="{title} aus der Spur {before} genommen",
        moved="{title} von der Spur {before} in die Spur {after} verschoben",
        place_added="Ort von {title} ergänzt: {after}",
        place_removed="Ort von {title} entfernt",
        place_changed="Ort von {title} korrigiert: {after} (zuvor {before})",
        source_corrected="Quelle {} korrigiert",
        lane_renamed="Spur {before} umbenannt in {after}",
        era_added="Abschnitt {title} ({after}) hinzugefügt",
        era_removed="Abschnitt {title} entfernt",
        era_redated="Daten des Abschnitts {title} korrigiert: {after} (zuvor {before})",
        retitled_chronology="Chronik umbenannt in {}",
        subtitle_changed="Untertitel geändert",
        subtitle_removed="Untertitel entfernt",
    ),
    "tr": NoteWords(
        updated="Güncelleme tarihi {}",
        and_=" ve ",
        added="eklendi: {}",
        removed="kaldırıldı: {}",
        more_precise="tarih kesinleştirildi, {title}: {after} (önceden {before})",
        redated="tarih düzeltildi, {title}: {after} (önceden {before})",
        retitled="başlık düzeltildi: {before} yerine {title}",
        summary="özet güncellendi: {title}",
        confirmed="doğrulandı: {title} (önceden {before})",
        certainty="kesinlik değişti, {title}: {after} (önceden {before})",
        certainties={
            "reported": "bildirilen",
            "confirmed": "doğrulanmış",
            "claimed": "iddia",
            "disputed": "tartışmalı",
        },
        milestone="dönüm noktası olarak işaretlendi: {title}",
        not_milestone="dönüm noktası işareti kaldırıldı: {title}",
        importance="önem değişti, {title}: {after} (önceden {before})",
        source_added="kaynak eklendi, {title}: {names}",
        sources_added="{n} kaynak eklendi, {title}: {names}",
        source_removed="kaynak kaldırıldı, {title}: {names}",
        sources_removed="{n} kaynak kaldırıldı, {title}: {names}",
        placed="şeride yerleştirildi, {title}: {after}",
        taken_out="şeritten çıkarıldı, {title}: {before}",
        moved="şerit değişti, {title}: {after} (önceden {before})",
        place_added="yer eklendi, {title}: {after}",
        place_removed="yer kaldırıldı: {title}",
        place_changed="yer düzeltildi, {title}: {after} (önceden {before})",
        source_corrected="kaynak düzeltildi: {}",
        lane_renamed="şerit yeniden adlandırıldı: {after} (önceden {before})",
        era_added="dönem eklendi: {title} ({after})",
        era_removed="dönem kaldırıldı: {title}",
        era_redated="dönemin tarihleri düzeltildi, {title}: {after} (önceden {before})",
        retitled_chronology="kronolojinin yeni başlığı: {}",
        subtitle_changed="alt başlık değişti",
        subtitle_removed="alt başlık kaldırıldı",
    ),
    "ar": NoteWords(
        updated="حُدِّث في {}",
        and_=" و",
        added="أُضيف {}",
        removed="حُذف {}",
        more_precise="حُدِّد تاريخ {title} بدقة أكبر: {after} (سابقًا {before})",
        redated="صُحِّح تاريخ {title}: {after} (سابقًا {before})",
        retitled="صُحِّح العنوان {before} إلى {title}",
        summary="حُدِّث ملخص {title}",
        confirmed="تأكّد {title} (سابقًا {before})",
        certainty="تغيّرت درجة اليقين في {title}: {after} (سابقًا {before})",
        certainties={
            "reported": "مُبلَّغ عنه",
            "confirmed": "مؤكَّد",
            "claimed": "مزعوم",
            "disputed": "متنازع عليه",
        },
        milestone="عُدّ {title} محطة بارزة",
        not_milestone="أُزيلت علامة المحطة البارزة عن {title}",
        importance="تغيّرت أهمية {title}: {after} (سابقًا {before})",
        source_added="أُضيف مصدر إلى {title}: {names}",
        sources_added="أُضيفت مصادر ({n}) إلى {title}: {names}",
        source_removed="حُذف مصدر من {title}: {names}",
        sources_removed="حُذفت مصادر ({n}) من {title}: {names}",
        placed="وُضع {title} في المسار {after}",
        taken_out="أُخرج {title} من المسار {before}",
        moved="نُقل {title} من المسار {before} إلى المسار {after}",
        place_added="أُضيف مكان {title}: {after}",
        place_removed="حُذف مكان {title}",
        place_changed="صُحِّح مكان {title}: {after} (سابقًا {before})",
        source_corrected="صُحِّح المصدر {}",
        lane_renamed="أُعيدت تسمية المسار {before} إلى {after}",
        era_added="أُضيفت الحقبة {title} ({after})",
        era_removed="حُذفت الحقبة {title}",
        era_redated="صُحِّحت تواريخ الحقبة {title}: {after} (سابقًا {before})",
        retitled_chronology="أصبح عنوان التسلسل الزمني {}",
        subtitle_changed="غُيِّر العنوان الفرعي",
        subtitle_removed="حُذف العنوان الفرعي",
    ),
}


def note_words(locale: str) -> NoteWords:
    """The note's words in ``locale``; a KeyError names the supported locales."""
    try:
        return NOTE_WORDS[locale]
    except KeyError:
        raise KeyError(
            f"unsupported locale {locale!r}; supported locales: {', '.join(NOTE_WORDS)}"
        ) from None
