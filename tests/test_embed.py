"""Sentence embeddings: unit rows, stable per text, and the same vectors from either runtime."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from rashomon import embed as embedding
from rashomon.embed import DIM, backend, clear_cache, embed, export_onnx, set_threads

pytestmark = pytest.mark.slow

# Invented sentences of many shapes: headlines, quotes, numbers, lists, non-ASCII, noise.
SENTENCES = [
    "The harbour ferry ran aground on a sandbank shortly after leaving port.",
    "Officials said 14 passengers were taken to hospital with minor injuries.",
    '"We heard a loud bang and then the lights went out," one passenger said.',
    "The council voted 7-2 to raise the parking fee to $4.50 an hour.",
    "Rain is expected to spread from the west by Thursday afternoon.",
    "Shares in the mining group fell 3.2% after it cut its forecast.",
    "Police have not named the driver, a 43-year-old man from Leeds.",
    "The minister denied that the report had been shown to her before publication.",
    "Firefighters brought the blaze under control at about 2 a.m.",
    "A spokesperson for the company declined to comment.",
    "The bridge will stay closed until engineers finish their inspection, possibly for weeks.",
    "Turnout was lower than in the previous election, according to preliminary figures.",
    "Ferry sinks off coast",
    "Mayor resigns",
    "Storm: 3 dead, 200 homes without power",
    "BREAKING: parliament suspended",
    "Why the new tax rules matter for renters",
    "Zoë and François met at the café in Zürich on 3 März.",
    "Der Bürgermeister sagte, die Brücke bleibe geschlossen.",
    "Le gouvernement a annoncé une hausse des impôts.",
    "東京で大きな地震がありました。",
    "Москва объявила о новых мерах.",
    "Emoji in a headline 🚢🔥 are rare but they happen.",
    "ok",
    "?",
    "",
    "   ",
    "1 2 3 4 5 6 7 8 9 10",
    "https://example.org/news/2024/ferry-aground?ref=home",
    "Contact: press@example.org, +44 20 7946 0000.",
    "THE COMMITTEE WILL MEET AGAIN NEXT TUESDAY.",
    "the committee will meet again next tuesday",
    "Inflation slowed to 2.1 per cent in May, from 2.4 per cent in April.",
    "The company said the outage affected about 1.2 million customers across three states.",
    "Witnesses described seeing smoke rising from the engine room before the evacuation.",
    "The judge adjourned the hearing until next month to allow both sides to file evidence.",
    "Critics called the plan a giveaway to developers; supporters said it would add housing.",
    "Health officials urged residents to boil tap water as a precaution.",
    "The striker scored twice in the second half to seal a 3-1 win.",
    "Negotiators worked through the night but failed to reach an agreement.",
    "The museum will return the statue, which was taken during the colonial era.",
    "Scientists said the glacier had lost about a fifth of its mass since 2000.",
    "Prices of eggs, bread and milk all rose sharply over the winter.",
    "He was arrested on suspicion of fraud and later released on bail.",
    "The airline cancelled 40 flights because of the strike by ground staff.",
    "Voters in the district rejected the school budget for a second time.",
    "According to the coastguard, the vessel was carrying 212 people and 31 vehicles.",
    "The opposition leader said the government had 'lost control of the situation'.",
    "Experts warned that the figures could be revised once more data is available.",
    "Residents were allowed back into their homes on Sunday evening.",
    "A 'historic' deal, as the president put it, was signed in Geneva.",
    "No one was hurt.",
    "It was not immediately clear what caused the fire.",
    "The investigation is continuing.",
    "Sales rose; profits fell.",
    "Q2 revenue: €3.4bn (+7% y/y), operating margin 11.2%.",
    "The hospital said she was in a stable condition.",
    "Two of the four lanes reopened after the lorry was removed.",
    "The agency said it would publish its findings by the end of the year.",
    "Thousands marched through the capital to protest against the pension reform.",
]

LONG = " ".join(SENTENCES[:40])  # longer than the model's 256-token window: truncated


def varied_sentences() -> list[str]:
    """A few hundred texts: the sentences, their halves, lower case, and joined pairs."""
    halves = [s[: len(s) // 2] for s in SENTENCES]
    lowered = [s.lower() for s in SENTENCES]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(SENTENCES)]
    return [*SENTENCES, *halves, *lowered, *pairs, LONG, LONG + " And one more sentence."]


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cache")
    export_onnx(home / "rashomon")
    return home


@pytest.fixture
def onnx_encoder(cache_home: Path) -> embedding.OnnxEncoder:
    return embedding.OnnxEncoder(export_onnx(cache_home / "rashomon"), embedding._model_dir())


@pytest.fixture
def fresh() -> Iterator[None]:
    """The runtime is chosen again before and after the test; no cached vectors."""
    embedding._encoder.cache_clear()
    clear_cache()
    yield
    set_threads(0)
    embedding._encoder.cache_clear()
    clear_cache()


@pytest.mark.parametrize(
    "texts",
    [
        [],
        ["One sentence."],
        ["", "   ", "?"],
        ["Same text.", "Same text.", "Other text."],
        [LONG, "short"],
    ],
)
def test_rows_are_unit_float32_vectors_in_input_order(texts: list[str]) -> None:
    vectors = embed(texts)
    assert vectors.shape == (len(texts), DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for n, text in enumerate(texts):
        np.testing.assert_array_equal(vectors[n], embed([text])[0])


def test_a_text_gets_the_same_vector_whatever_it_is_batched_with(
    onnx_encoder: embedding.OnnxEncoder,
) -> None:
    alone = onnx_encoder(["The harbour ferry ran aground."])[0]
    batched = onnx_encoder([LONG, "The harbour ferry ran aground.", "ok", *SENTENCES])[1]
    assert float(alone @ batched) > 0.99999


@pytest.mark.parametrize(
    ("text", "closer", "farther"),
    [
        ("The ferry sank near the port.", "A boat went down by the harbour.", "Tax rates rose."),
        ("Inflation slowed in May.", "Price rises eased last month.", "The striker scored twice."),
    ],
)
def test_paraphrases_are_closer_than_unrelated_sentences(
    text: str, closer: str, farther: str
) -> None:
    a, b, c = embed([text, closer, farther])
    assert float(a @ b) > float(a @ c) + 0.2


def test_onnx_gives_the_vectors_of_sentence_transformers(
    onnx_encoder: embedding.OnnxEncoder,
) -> None:
    texts = varied_sentences()
    assert len(texts) >= 200
    reference = embedding.SentenceTransformerEncoder()(texts)
    cosines = np.sum(onnx_encoder(texts) * reference, axis=1)
    assert float(cosines.min()) >= 0.9999


def test_the_export_is_named_after_the_weights_and_leaves_no_temporary_files(
    cache_home: Path,
) -> None:
    folder = cache_home / "rashomon"
    path = export_onnx(folder)
    weights = embedding._model_dir() / "model.safetensors"
    assert embedding._digest(weights, folder)[:16] in path.name
    before = path.stat().st_mtime_ns
    assert export_onnx(folder) == path
    assert path.stat().st_mtime_ns == before  # reused, not exported again
    assert [p.name for p in folder.iterdir() if p.name.startswith(".tmp-")] == []


def test_the_onnx_runtime_never_imports_torch(cache_home: Path) -> None:
    script = (
        "import sys; from rashomon.embed import embed, backend; embed(['A ferry sank.']); "
        "assert backend() == 'onnx', backend(); assert 'torch' not in sys.modules"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_analysing_and_embedding_never_import_torch(cache_home: Path) -> None:
    script = (
        "import sys; from rashomon.analyze import analyze_article; from rashomon.embed import "
        "embed, backend; from rashomon.records import Article; "
        "done = analyze_article(Article(id='a', outlet='x', text='The ferry sank, police said.')); "
        "embed([c.text for c in done.claims]); assert backend() == 'onnx', backend(); "
        "assert 'torch' not in sys.modules, 'torch was imported'"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_torch_can_still_be_imported_after_the_spacy_pipeline() -> None:
    script = (
        "import rashomon.nlp, spacy, torch; rashomon.nlp.pipeline(); "
        "from thinc.compat import has_torch; assert not has_torch; assert torch.ones(1).sum() == 1"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_without_onnxruntime_it_falls_back_to_the_same_vectors(
    fresh: None, monkeypatch: pytest.MonkeyPatch, onnx_encoder: embedding.OnnxEncoder
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    vectors = embed(SENTENCES)
    assert backend().startswith("sentence-transformers (ONNX unavailable")
    assert float(np.sum(vectors * onnx_encoder(SENTENCES), axis=1).min()) >= 0.9999


def test_set_threads_reloads_the_model_with_that_many_threads(fresh: None) -> None:
    set_threads(1)
    embed(["One thread."])
    encoder = embedding._encoder()
    assert isinstance(encoder, embedding.OnnxEncoder)
    assert encoder.session.get_session_options().intra_op_num_threads == 1


@pytest.mark.parametrize(
    ("lengths", "expected"),
    [
        ([], []),
        ([5], [(0, 1)]),
        ([5] * 70, [(0, 64), (64, 70)]),  # at most MAX_BATCH texts
        ([10, 10, 2000, 2001], [(0, 2), (2, 4)]),  # 3 x 2000 padded tokens > BATCH_TOKENS
        ([4096, 4097], [(0, 1), (1, 2)]),  # an over-long text still gets a batch of its own
        ([10, 11, 12, 13, 14], [(0, 4), (4, 5)]),  # at most 2 + 10% tokens wider than the first
        ([30, 33, 34, 40, 44], [(0, 3), (3, 5)]),
    ],
)
def test_batches_bound_texts_padded_tokens_and_padding(
    lengths: list[int], expected: list[tuple[int, int]]
) -> None:
    assert [(s.start, s.stop) for s in embedding._batches(lengths)] == expected
