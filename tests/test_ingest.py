from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from briefing.ingest import ingest

from .conftest import SEEDS

AR = "أعلن الجيش العراقي اليوم تحرير مدينة القائم.\nوقالت مصادر عسكرية إن القوات تقدمت 10 كيلومترات."


def test_seed_txt_keeps_text_byte_for_byte_and_reads_sidecar() -> None:
    corpus = ingest([SEEDS])
    assert len(corpus.articles) == 2
    for article in corpus.articles:
        raw = Path(article.origin).read_bytes()
        assert article.text.encode("utf-8") == raw
        assert article.id == hashlib.sha256(raw).hexdigest()[:16]
        assert article.published is not None
        assert article.published_note and article.published_note.startswith("inferred")
        assert article.title is None  # the first line is the lede, not a title
    second = next(a for a in corpus.articles if a.origin.endswith("004_3c6fba5912577c82.txt"))
    assert str(second.published) == "2017-11-04"
    assert second.lede.startswith("فرض نظام الرئيس السوري")
    # the folder's other files are noted, not errors
    assert all(p.level == "note" for p in corpus.problems)


def test_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\ntitle: عنوان\nsource: Al-Hayat\npublished: 2017-11-04\n---\n" + AR, encoding="utf-8")
    (article,) = ingest([f]).articles
    assert article.text == AR
    assert (article.title, article.source, str(article.published)) == ("عنوان", "Al-Hayat", "2017-11-04")


def test_saudinewsnet_json_layout_and_jsonl_errors(tmp_path: Path) -> None:
    records = [
        {"source": "aleqtisadiya", "url": "http://example.com/1", "date_extracted": "2015-07-23 10:00:00",
         "title": "عنوان", "author": "", "content": AR},
        {"source": "okaz", "url": "", "date_extracted": "", "title": "", "author": "", "content": AR + " ثانية"},
    ]
    (tmp_path / "day.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    lines = [json.dumps({"content": AR + " ثالثة", "source": "x"}, ensure_ascii=False), "{broken", ""]
    (tmp_path / "day.jsonl").write_text("\n".join(lines), encoding="utf-8")
    corpus = ingest([tmp_path / "day.json", tmp_path / "day.jsonl"])
    first = corpus.articles[0]
    assert (first.source, first.url, str(first.published), first.title) == (
        "aleqtisadiya", "http://example.com/1", "2015-07-23", "عنوان")
    assert len(corpus.articles) == 3
    (bad,) = [p for p in corpus.problems if p.level == "error"]
    assert bad.origin.endswith("day.jsonl:2") and "invalid JSON" in bad.reason


def test_html_main_text_extracted(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in AR.splitlines())
    html = (f"<html><head><title>خبر</title></head><body><nav>الرئيسية | اتصل بنا</nav>"
            f"<article><h1>خبر عاجل</h1>{body}{body.replace('القائم', 'راوة')}</article>"
            f"<footer>حقوق النشر</footer></body></html>")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (article,) = ingest([tmp_path / "a.html"]).articles
    assert "تحرير مدينة القائم" in article.text
    assert "حقوق النشر" not in article.text


def test_zip_of_mixed_files_and_unsafe_member(tmp_path: Path) -> None:
    z = tmp_path / "dump.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", AR)
        archive.writestr("a.meta.json", json.dumps({"source": "Okaz"}))
        archive.writestr("b.jsonl", json.dumps({"content": AR + " ب"}, ensure_ascii=False))
        archive.writestr("../evil.txt", AR + " شر")
    corpus = ingest([z])
    assert sorted(a.origin.split("!")[1] for a in corpus.articles) == ["a.txt", "b.jsonl:1"]
    assert next(a for a in corpus.articles if a.origin.endswith("a.txt")).source == "Okaz"
    assert any("unsafe path" in p.reason for p in corpus.problems)


def test_bad_inputs_one_line_each_others_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(AR, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "doc.pdf.txt").write_bytes(b"%PDF-1.7\n...")
    (tmp_path / "notes.docx").write_bytes(b"x")
    cp1256 = tmp_path / "cp1256.txt"
    cp1256.write_bytes((AR + " ويندوز").encode("cp1256"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes((AR + " يونيكود").encode("utf-16"))
    dup = tmp_path / "dup.txt"
    dup.write_text(AR, encoding="utf-8")
    corpus = ingest([good, tmp_path / "empty.txt", tmp_path / "doc.pdf.txt", tmp_path / "notes.docx",
                     tmp_path / "missing.txt", cp1256, utf16, dup])
    assert [a.text for a in corpus.articles] == [AR, AR + " ويندوز", AR + " يونيكود"]
    reasons = {Path(p.origin).name: p.reason for p in corpus.problems}
    assert reasons["empty.txt"].startswith("empty")
    assert "PDF" in reasons["doc.pdf.txt"]
    assert "unsupported file type" in reasons["notes.docx"]
    assert reasons["missing.txt"] == "no such file or folder"
    assert "same text as" in reasons["dup.txt"]
    assert all("\n" not in r for r in reasons.values())


def test_text_without_arabic_is_processed_and_noted(tmp_path: Path) -> None:
    f = tmp_path / "en.txt"
    f.write_text("The army entered the city.", encoding="utf-8")
    (article,) = ingest([f]).articles
    assert article.notes == ["no Arabic text found; summarized as given"]
