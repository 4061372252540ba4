"""Speed and reach of ``Normalizer.find`` on English, Chinese and mixed text, each next to its
baseline in the same run.

Run from the repository root::

    python benchmarks/bench_find.py            # ~2 MB of text per glossary: a few minutes on 2 cores
    python benchmarks/bench_find.py --quick    # 200 kB and a 2,000-entity glossary: under a minute

Another tree's ``find`` on the same English text (run outside the repository, so that the tree on
``PYTHONPATH`` is the ``aeronorm`` imported)::

    cd /tmp && PYTHONPATH=/tmp/old python /work/main/benchmarks/bench_find.py --english-only --out old.json

English (issue 16: at least 5 MB/s and within 1.5x of flashtext). For two glossaries, the shipped
one (~440 entities) and a 10,000-entity synthetic one (``_synthetic.make_corpus``), it builds a
text of a few megabytes: the project's own news paragraphs (``examples/news``), filler sentences
drawn at random from a small vocabulary, and *planted* mentions. A planted mention is either a
glossary form as written, or a **variant** that no name, alias or abbreviation spells: one word
replaced by another rendering of the same Chinese morpheme from the term lexicon (Astronautics
for Aerospace, Polytechnic for Polytechnical, ...). On the same text, interleaved, best of
``--repeat`` runs: aeronorm ``Normalizer.find`` and flashtext
``KeywordProcessor.extract_keywords`` with every name, alias and abbreviation (``span_info=True``);
it prints MB/s of both, the time ratio, and how many planted variants each finds (flashtext can
only find what is spelled in the glossary).

Chinese (at least 1 MB/s): invented news sentences around the shipped Chinese names (some in
traditional characters), next to flashtext over every Chinese name; and news whose clauses never
repeat (words drawn at random around the names), which leaves the scan's memos little to reuse.

Mixed Latin and Han (within 3x of the same run's English time per MB; issue 15 item 9): the
reliability reproducer's alternating units ("Space航天", "foo中" repeated) and Chinese sentences
with English names and abbreviations in them.

Wall time is the target's measure: best of ``--repeat`` for English (next to flashtext, run the
same way), the first pass for Chinese and mixed text (a second pass over the same text finds its
stretches remembered; that warm time is in the JSON). CPU time is kept too, as MB/s and as
ratios (the machine may be shared: the one-minute load average is printed and kept). Results go
to ``benchmarks/results/find.json``. It exits 0 even when a target is missed (it is a report; a
miss is printed as FAIL).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from _synthetic import light_variant, make_corpus  # noqa: E402

import aeronorm  # noqa: E402
from aeronorm import Glossary, Normalizer  # noqa: E402
from aeronorm.text.fold import fold_key  # noqa: E402

#: English: aeronorm's time at most this many times flashtext's, and at least this many MB/s.
TARGET_RATIO = 1.5
TARGET_MB_S = 5.0
#: Chinese: at least this many MB/s. Mixed Latin and Han: at most this many times English's time per MB.
TARGET_CHINESE_MB_S = 1.0
TARGET_MIXED_RATIO = 3.0

# Filler: sentences about nothing in particular, made of a few hundred ordinary words.
_SUBJECTS = ["The committee", "A spokesman", "Local officials", "The company", "Analysts", "The report",
             "Engineers", "The ministry", "Several suppliers", "The team", "Investors", "Researchers"]
_VERBS = ["said", "expected", "announced", "reported", "noted", "warned", "confirmed", "estimated",
          "suggested", "argued", "added", "explained"]
_OBJECTS = ["that demand for components would grow next year", "a delay in the delivery schedule",
            "new rules for testing and certification", "higher costs for materials and labour",
            "a plan to expand production in the coming months", "steady progress on the second phase",
            "that the budget had been approved in March", "a shortage of skilled technicians",
            "stronger cooperation with regional partners", "an increase in orders from overseas",
            "that the results would be published in the autumn", "a review of safety procedures"]
_TAILS = ["", " on Tuesday", " in a statement", " last week", " at a briefing", " according to a filing"]
_PLANT = ["Officials of the {} said the project was on schedule.",
          "A delegation from the {} visited the site on Friday.",
          "The contract was signed by the {} after months of talks.",
          "According to the {}, the tests went well.",
          "Engineers at the {} finished the first prototype."]


def filler(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}."


def news_paragraphs() -> list[str]:
    paths = sorted((ROOT / "examples" / "news").glob("*.txt"))
    return [p.read_text(encoding="utf-8").strip() for p in paths]


# ---------------------------------------------------------------------------------- variants
def synonym_table(glossary: Glossary) -> dict[str, list[str]]:
    """One-word renderings of each lexicon morpheme -> the other one-word renderings."""
    table: dict[str, list[str]] = {}
    for term in glossary.terms:
        words = [r for r in term.renderings if r.isalpha() and r.islower()]
        for w in words:
            others = [o for o in words if o != w]
            if others:
                table.setdefault(w, [])
                table[w] += [o for o in others if o not in table[w]]
    return table


def variant_of(name: str, table: dict[str, list[str]], claims: dict[str, Any],
               rng: random.Random) -> str | None:
    """``name`` with one word swapped for a synonym rendering, when no glossary key spells it."""
    words = name.split(" ")
    spots = [i for i, w in enumerate(words) if w.lower() in table and w[:1].isupper()]
    rng.shuffle(spots)
    for i in spots:
        for alt in table[words[i].lower()]:
            new = " ".join([*words[:i], alt.capitalize(), *words[i + 1 :]])
            if fold_key(new) not in claims:
                return new
    return None


def plants_for_shipped(glossary: Glossary, rng: random.Random) -> list[tuple[str, str, bool]]:
    """(surface, entity id, is a variant) for the shipped organisations."""
    table = synonym_table(glossary)
    claims = glossary.claims()
    out = []
    for e in glossary.entities:
        if e.type != "org" or len(e.name.split()) < 2:
            continue
        out.append((e.name, e.id, False))
        v = variant_of(e.name, table, claims, rng)
        if v is not None:
            out.append((v, e.id, True))
    return out


def plants_for_synthetic(corpus: Any, rng: random.Random, n: int) -> list[tuple[str, str, bool]]:
    """(surface, entity id, is a variant) for synthetic organisations."""
    claims = corpus.glossary().claims()
    out = []
    items = list(corpus.orgs.items())
    rng.shuffle(items)
    for eid, org in items[:n]:
        out.append((org.english(), eid, False))
        alt = org.alias_choice(rng)
        if alt is not None:
            v = org.english(alt)
            if fold_key(v) not in claims:
                out.append((v, eid, True))
        else:
            v = light_variant(org, rng)
            if fold_key(v) not in claims and v == v.strip():
                out.append((v, eid, True))
    return out


def build_text(plants: Sequence[tuple[str, str, bool]], size: int, rng: random.Random
               ) -> tuple[str, list[tuple[int, int, str, bool]]]:
    """Paragraphs of news, filler and planted mentions; returns the text and the planted spans."""
    news = news_paragraphs()
    parts: list[str] = []
    spans: list[tuple[int, int, str, bool]] = []
    pos = 0
    while pos < size:
        r = rng.random()
        if r < 0.1:
            piece = rng.choice(news)
        elif r < 0.35 and plants:
            surface, eid, variant = rng.choice(plants)
            template = rng.choice(_PLANT)
            start = pos + template.index("{}")
            piece = template.format(surface)
            spans.append((start, start + len(surface), eid, variant))
        else:
            piece = " ".join(filler(rng) for _ in range(rng.randint(1, 3)))
        parts.append(piece)
        pos += len(piece) + 1
    return "\n".join(parts), spans


# ---------------------------------------------------------------------------------- timing
def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def flashtext_processor(glossary: Glossary) -> Any:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for e in glossary.entities:
        for form in (e.name, *e.aliases, *e.abbreviations):
            kp.add_keyword(form, e.id)
    return kp


def found_planted(spans: Sequence[tuple[int, int, str, bool]],
                  hits: Sequence[tuple[int, int, str]]) -> list[bool]:
    """For each planted span: is there a hit of the right entity overlapping it?"""
    by_start = sorted(hits)
    out = []
    j = 0
    for start, end, eid, _ in sorted(spans):
        while j < len(by_start) and by_start[j][1] <= start:
            j += 1
        ok = False
        k = j
        while k < len(by_start) and by_start[k][0] < end:
            if by_start[k][2] == eid:
                ok = True
                break
            k += 1
        out.append(ok)
    return out


def run_case(label: str, glossary: Glossary, plants: list[tuple[str, str, bool]], size: int, repeat: int,
             seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    text, spans = build_text(plants, size, rng)
    mb = len(text.encode("utf-8")) / 1e6
    t = time.perf_counter()
    normalizer = Normalizer(glossary)
    build_normalizer = time.perf_counter() - t
    t = time.perf_counter()
    normalizer.match("Warm Up Query Co")  # the matcher's own lazy tables, not find's
    first_match = time.perf_counter() - t
    t = time.perf_counter()
    normalizer.find("warm-up: builds the trie once")
    build_trie = time.perf_counter() - t
    t = time.perf_counter()
    kp = flashtext_processor(glossary)
    build_flash = time.perf_counter() - t

    t = time.perf_counter()
    normalizer.find(text)
    cold = time.perf_counter() - t
    aero_times, flash_times, aero_cpu, flash_cpu = [], [], [], []
    mentions: Any = None
    flash_hits: Any = None
    for _ in range(repeat):  # interleaved, so that both see the same machine load
        cpu = time.process_time()
        dt, mentions = best_of(lambda: normalizer.find(text), 1)
        aero_cpu.append(time.process_time() - cpu)
        aero_times.append(dt)
        cpu = time.process_time()
        dt, flash_hits = best_of(lambda: kp.extract_keywords(text, span_info=True), 1)
        flash_cpu.append(time.process_time() - cpu)
        flash_times.append(dt)
    aero, flash = min(aero_times), min(flash_times)

    aero_hits = [(m.start, m.end, m.entity_id) for m in mentions]
    flash_spans = [(s, e, eid) for eid, s, e in flash_hits]
    aero_ok = found_planted(spans, aero_hits)
    flash_ok = found_planted(spans, flash_spans)
    ordered = sorted(spans)
    variants = [i for i, sp in enumerate(ordered) if sp[3]]
    exact = [i for i, sp in enumerate(ordered) if not sp[3]]
    only_aero = [i for i in variants if aero_ok[i] and not flash_ok[i]]
    return {
        "glossary": label,
        "entities": len(glossary),
        "text_mb": round(mb, 3),
        "planted_exact": len(exact),
        "planted_variants": len(variants),
        "distinct_variant_names": len({text[ordered[i][0] : ordered[i][1]] for i in variants}),
        "aeronorm_seconds": round(aero, 4),
        "flashtext_seconds": round(flash, 4),
        "aeronorm_cold_seconds": round(cold, 4),
        "aeronorm_cpu_seconds": round(min(aero_cpu), 4),
        "flashtext_cpu_seconds": round(min(flash_cpu), 4),
        "cpu_ratio": round(min(aero_cpu) / min(flash_cpu), 3),
        "aeronorm_mb_s": round(mb / aero, 3),
        "aeronorm_cpu_mb_s": round(mb / min(aero_cpu), 3),
        "flashtext_mb_s": round(mb / flash, 3),
        "ratio": round(aero / flash, 3),
        "target_ratio": TARGET_RATIO,
        "target_mb_s": TARGET_MB_S,
        "pass": aero / flash <= TARGET_RATIO and mb / aero >= TARGET_MB_S,
        "mentions_aeronorm": len(aero_hits),
        "mentions_flashtext": len(flash_spans),
        "exact_found_aeronorm": sum(aero_ok[i] for i in exact),
        "exact_found_flashtext": sum(flash_ok[i] for i in exact),
        "variants_found_aeronorm": sum(aero_ok[i] for i in variants),
        "variants_found_flashtext": sum(flash_ok[i] for i in variants),
        "variants_only_aeronorm": len(only_aero),
        "build_seconds": {"normalizer": round(build_normalizer, 3), "first_match": round(first_match, 3),
                          "trie": round(build_trie, 3), "flashtext": round(build_flash, 3)},
        "all_runs": {"aeronorm": [round(x, 4) for x in aero_times],
                     "flashtext": [round(x, 4) for x in flash_times]},
        "examples_only_aeronorm": sorted({text[ordered[i][0] : ordered[i][1]] for i in only_aero})[:8],
    }


# ---------------------------------------------------------------------------------- Chinese and mixed
# Invented sentences of Chinese news, around a slot for a name ({}), and stretches without one.
_ZH_PLANT = ["{}于今天上午在北京召开新闻发布会。", "据新华社报道，{}与多家单位签署了合作协议。",
             "记者从{}获悉，相关试验已经顺利完成。", "{}相关负责人表示，项目进展顺利。",
             "此次任务由{}牵头组织实施。"]
_ZH_FILLER = ["专家认为，这一成果标志着相关领域进入了新的阶段。", "会议还讨论了下一步的工作安排。",
              "据介绍，项目总投资约十二亿元，预计明年年底完工。", "工作人员正在进行最后的检查和测试。",
              "当天下午，代表们参观了生产车间和实验室。", "他说，我们将继续加强国际合作与交流。"]
_MIXED_PLANT = ["{}表示，{}的工程师参加了测试。", "据报道，{}与{}签署了协议。", "{}的专家在会上作了报告。"]


def chinese_names(glossary: Glossary) -> list[tuple[str, str]]:
    """(Chinese name, entity id) of every shipped entity with one."""
    return [(zh, e.id) for e in glossary.entities for zh in e.chinese_names()]


def build_chinese_text(names: Sequence[tuple[str, str]], size: int, rng: random.Random,
                       traditional: Callable[[str], str] | None = None) -> str:
    """Chinese news: filler sentences and sentences naming a glossary entity (one in ten of the
    names in traditional characters, when a converter is given)."""
    parts: list[str] = []
    pos = 0
    while pos < size:
        if rng.random() < 0.4:
            name = rng.choice(names)[0]
            if traditional is not None and rng.random() < 0.1:
                name = traditional(name)
            piece = rng.choice(_ZH_PLANT).format(name)
        else:
            piece = rng.choice(_ZH_FILLER)
        parts.append(piece)
        pos += len(piece.encode("utf-8"))
    return "".join(parts)


# Words of invented news, drawn a few at a time: clauses that (almost) never repeat.
_ZH_WORDS = [
    "专家", "认为", "这一", "成果", "标志着", "相关", "领域", "进入", "新的", "阶段", "会议", "还",
    "讨论", "下一步", "工作", "安排", "据", "介绍", "项目", "总投资", "约", "亿元", "预计", "明年",
    "年底", "完工", "工作人员", "正在", "进行", "最后", "检查", "测试", "当天", "下午", "代表们",
    "参观", "生产", "车间", "实验室", "他", "说", "我们", "将", "继续", "加强", "国际", "合作",
    "交流", "今天", "上午", "召开", "新闻", "发布会", "多家", "单位", "签署", "协议", "记者",
    "获悉", "试验", "已经", "顺利", "完成", "负责人", "表示", "进展", "此次", "任务", "牵头",
    "组织", "实施", "卫星", "火箭", "发射", "成功", "轨道", "研制", "团队", "技术", "突破", "首次",
    "飞行", "数据", "分析", "结果", "显示", "系统", "运行", "稳定", "各项", "指标", "满足", "要求",
    "未来", "计划", "开展", "更多", "应用", "服务", "用户",
]


def build_fresh_chinese_text(names: Sequence[tuple[str, str]], size: int, rng: random.Random) -> str:
    """Chinese news whose clauses do not repeat: three to nine words drawn at random, a glossary
    name in two clauses of five (the scan remembers what it read: this text leaves it little to
    reuse)."""
    parts: list[str] = []
    pos = 0
    while pos < size:
        clause = "".join(rng.choice(_ZH_WORDS) for _ in range(rng.randint(3, 9)))
        if rng.random() < 0.4:
            at = 2 * rng.randint(0, 2)
            clause = clause[:at] + rng.choice(names)[0] + clause[at:]
        piece = clause + rng.choice("，。，、")
        parts.append(piece)
        pos += len(piece.encode("utf-8"))
    return "".join(parts)


def build_mixed_text(glossary: Glossary, size: int, rng: random.Random) -> str:
    """Chinese sentences with English names and abbreviations in them."""
    english = [f for e in glossary.entities if e.type == "org" for f in (e.name, *e.abbreviations)]
    parts: list[str] = []
    pos = 0
    while pos < size:
        piece = rng.choice(_MIXED_PLANT)
        piece = piece.format(*(rng.choice(english) for _ in range(piece.count("{}"))))
        if rng.random() < 0.5:
            piece += rng.choice(_ZH_FILLER)
        parts.append(piece)
        pos += len(piece.encode("utf-8"))
    return "".join(parts)


def _times(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Best wall and best CPU time of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def run_chinese_and_mixed(glossary: Glossary, size: int, repeat: int, seed: int,
                          english: dict[str, Any]) -> list[dict[str, Any]]:
    """The Chinese case (next to flashtext) and the mixed cases (next to ``english``, the same
    run's English case of the same glossary)."""
    rng = random.Random(seed)
    try:
        import opencc

        traditional: Callable[[str], str] | None = opencc.OpenCC("s2t").convert
    except ImportError:  # pragma: no cover - opencc is a dependency
        traditional = None
    normalizer = Normalizer(glossary).warm()  # every table built: first-query costs are not the text's
    normalizer.find("预热：中国航天 CASIC")  # jieba loaded
    names = chinese_names(glossary)
    fresh = random.Random(seed + 1)
    texts = {
        "chinese": build_chinese_text(names, size, rng, traditional),
        # its own draws, so that the texts after it are those of earlier runs
        "chinese, clauses never repeated": build_fresh_chinese_text(names, size // 2, fresh),
        "mixed: Chinese with English names": build_mixed_text(glossary, size // 4, rng),
        "mixed: 'Space航天' repeated": "Space航天" * (size // 4 // len("Space航天".encode())),
        "mixed: 'foo中' repeated": "foo中" * (size // 4 // len("foo中".encode())),
    }
    english_s_mb = english["aeronorm_seconds"] / english["text_mb"]
    english_cpu_mb = english["aeronorm_cpu_seconds"] / english["text_mb"]
    out = []
    for label, text in texts.items():
        mb = len(text.encode("utf-8")) / 1e6
        # The first pass is the measure: the scan remembers stretches of text it has resolved, so
        # running it again on the same text is faster than a new text of the same kind would be.
        start, cpu_start = time.perf_counter(), time.process_time()
        mentions = normalizer.find(text)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        warm, _ = _times(lambda: normalizer.find(text), repeat)  # noqa: B023
        case: dict[str, Any] = {"case": label, "text_mb": round(mb, 3), "mentions": len(mentions),
                                "aeronorm_seconds": round(wall, 4), "aeronorm_cpu_seconds": round(cpu, 4),
                                "aeronorm_warm_seconds": round(warm, 4), "aeronorm_mb_s": round(mb / wall, 3),
                                "aeronorm_cpu_mb_s": round(mb / cpu, 3),
                                "seconds_per_mb": round(wall / mb, 3)}
        if label.startswith("chinese"):
            from flashtext import KeywordProcessor

            kp = KeywordProcessor(case_sensitive=False)
            for zh, eid in names:
                kp.add_keyword(zh, eid)
            f_wall, f_cpu = _times(lambda: kp.extract_keywords(text, span_info=True), 1)  # noqa: B023
            case.update({"baseline": "flashtext", "baseline_mb_s": round(mb / f_wall, 3),
                         "ratio": round(wall / f_wall, 3), "cpu_ratio": round(cpu / f_cpu, 3),
                         "target": f">= {TARGET_CHINESE_MB_S:g} MB/s",
                         "pass": mb / wall >= TARGET_CHINESE_MB_S})
        else:
            ratio = (wall / mb) / english_s_mb
            case.update({"baseline": f"English ({english['glossary']})",
                         "baseline_mb_s": round(1 / english_s_mb, 3), "ratio": round(ratio, 3),
                         "cpu_ratio": round((cpu / mb) / english_cpu_mb, 3),
                         "target": f"<= {TARGET_MIXED_RATIO:g}x English",
                         "pass": ratio <= TARGET_MIXED_RATIO})
        out.append(case)
    return out


def _load_average() -> float | None:
    """The machine's one-minute load average (wall times stretch when it passes the cores)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # pragma: no cover - not on every platform
        return None


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 kB of text, a 2,000-entity glossary")
    ap.add_argument("--size", type=float, default=None, help="megabytes of text per glossary (default 2)")
    ap.add_argument("--entities", type=int, default=None, help="entities of the synthetic glossary (10,000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(HERE / "results" / "find.json"))
    ap.add_argument("--english-only", action="store_true",
                    help="the English cases only (e.g. to compare with an older tree on PYTHONPATH)")
    args = ap.parse_args(argv)
    size = int((args.size if args.size is not None else (0.2 if args.quick else 2.0)) * 1e6)
    entities = args.entities or (2_000 if args.quick else 10_000)
    started = time.perf_counter()

    rng = random.Random(args.seed)
    shipped = Glossary.default()
    cases = [run_case("shipped", shipped, plants_for_shipped(shipped, rng), size, args.repeat, args.seed)]
    corpus = make_corpus(entities, seed=args.seed)
    plants = plants_for_synthetic(corpus, rng, n=400)
    label = f"synthetic-{entities}"
    cases.append(run_case(label, corpus.glossary(), plants, size, args.repeat, args.seed + 1))

    others = [] if args.english_only else run_chinese_and_mixed(shipped, size, args.repeat, args.seed + 2,
                                                                cases[0])

    load = _load_average()
    print(f"find on English text: aeronorm {aeronorm.__version__} vs flashtext "
          f"(best of {args.repeat}, interleaved; Python {platform.python_version()}; load average {load})")
    head = (f"{'glossary':<18}{'MB':>6}{'aeronorm MB/s':>15}{'cpu MB/s':>10}{'flashtext MB/s':>16}"
            f"{'ratio':>8}{'cpu ratio':>11}{'target':>22}  "
            f"{'variants: aeronorm / flashtext / only aeronorm':<48}{'result':>7}")
    print(head)
    print("-" * len(head))
    for c in cases:
        v = f"{c['variants_found_aeronorm']}/{c['planted_variants']} / {c['variants_found_flashtext']} / " \
            f"{c['variants_only_aeronorm']}"
        target = f"<= {TARGET_RATIO:g}x, >= {TARGET_MB_S:g} MB/s"
        print(f"{c['glossary']:<18}{c['text_mb']:>6.2f}{c['aeronorm_mb_s']:>15.2f}{c['aeronorm_cpu_mb_s']:>10.2f}"
              f"{c['flashtext_mb_s']:>16.2f}"
              f"{c['ratio']:>8.2f}{c['cpu_ratio']:>11.2f}{target:>22}  {v:<48}"
              f"{'ok' if c['pass'] else 'FAIL':>7}")
    print()
    print("find on Chinese and mixed text (shipped glossary), next to flashtext or to the English time above")
    head = (f"{'case':<36}{'MB':>6}{'aeronorm MB/s':>15}{'cpu MB/s':>10}{'s/MB':>8}{'baseline':>22}"
            f"{'its MB/s':>10}{'ratio':>8}{'cpu ratio':>11}{'target':>20}{'result':>8}")
    print(head)
    print("-" * len(head))
    for c in others:
        print(f"{c['case']:<36}{c['text_mb']:>6.2f}{c['aeronorm_mb_s']:>15.2f}{c['aeronorm_cpu_mb_s']:>10.2f}"
              f"{c['seconds_per_mb']:>8.2f}"
              f"{c['baseline']:>22}{c['baseline_mb_s']:>10.2f}{c['ratio']:>8.2f}{c['cpu_ratio']:>11.2f}"
              f"{c['target']:>20}{'ok' if c['pass'] else 'FAIL':>8}")
    for c in cases:
        n = c["planted_exact"]
        print(f"  {c['glossary']}: exact forms found {c['exact_found_aeronorm']}/{n} (aeronorm), "
              f"{c['exact_found_flashtext']}/{n} (flashtext); first pass (cold caches) "
              f"{c['aeronorm_cold_seconds']:.2f} s; e.g. only aeronorm: {c['examples_only_aeronorm'][:3]}")
    out = {
        "meta": {"python": platform.python_version(), "platform": platform.platform(), "seed": args.seed,
                 "repeat": args.repeat, "quick": args.quick, "english_only": args.english_only,
                 "load_average_1min_at_end": load},
        "elapsed_seconds": round(time.perf_counter() - started, 1),
        "cases": cases,
        "chinese_and_mixed": others,
        "failed": [*(c["glossary"] for c in cases if not c["pass"]),
                   *(c["case"] for c in others if not c["pass"])],
    }
    path = Path(args.out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({out['elapsed_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
