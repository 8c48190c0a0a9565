"""A statistical tagger of attribution Source, Cue and Content spans (ONNX, no torch needed).

The model is a MiniLM-L6 encoder with three independent BIO heads, one per role, because
spans of different roles overlap (a content span may hold another attribution's source and
cue). It reads overlapping windows of wordpieces; each wordpiece takes either the prediction of
the window where it sits most centrally or the mean of all windows that hold it. Training lives
in ``onrecord.train.attribution``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.errors import ExtractionError
from onrecord.extraction.attribution.decoding import (
    B,
    I,
    Transitions,
    argmax_labels,
    marginal_spans,
    spans_to_labels,
    viterbi_labels,
)

logger = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("source", "cue", "content")
LABELS: tuple[str, ...] = ("O", "B", "I")
MODEL_DIR = Path(__file__).resolve().parent / "model"

CharSpan = tuple[int, int]
DECODINGS = frozenset({"marginal", "viterbi", "repair"})
MERGES = frozenset({"center", "mean"})
# the thorough reading (``SpanTagger.thorough``) starts a window every 64 wordpieces and
# averages them: an ensemble of contexts, three times the windows of a long text and about
# twice the tagger's time on news articles
THOROUGH_STRIDE = 64
# with marginal decoding, the tagger also lists the first words of likely contents, and for
# each content it is sure begins at a word but unsure where it ends (no reading likely
# enough to be kept), the likeliest reading (``decoding.MarginalReading``)
CONTENT_STARTS = "content_starts"
UNSURE_CONTENTS = "unsure_contents"
# maps (input_ids, attention_mask), both int64 [batch, length], to logits
# float32 [batch, length, len(ROLES), len(LABELS)]
RunBatch = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Encoded:
    """A text cut into wordpieces (no special tokens), with character offsets and word ids."""

    ids: np.ndarray
    offsets: np.ndarray
    word_ids: np.ndarray


@dataclass(frozen=True)
class WordScores:
    """A text's O/B/I log-probabilities per word (read at its first wordpiece), per role."""

    text: str
    encoded: Encoded
    firsts: np.ndarray  # the wordpiece index where each word starts
    log_probs: np.ndarray  # float32 [n_words, len(ROLES), len(LABELS)]
    starts_anew: np.ndarray  # bool [n_words]: a line break comes before the word


@dataclass(frozen=True)
class WindowSettings:
    """How texts are cut into model windows and how labels are decoded.

    ``size`` counts wordpieces including [CLS] and [SEP]; ``stride`` is the step between
    window starts (less than ``size - 2`` gives overlap). ``decoding`` is ``"marginal"``
    (every span whose probability under the role's CRF passes ``span_threshold``, see
    ``decoding.marginal_spans``), ``"viterbi"`` (the BIO-constrained best path over words)
    or ``"repair"`` (argmax; an I after O starts a span). ``merge`` says how the windows that
    overlap on a wordpiece combine (``merge_windows``): ``"center"`` keeps the window where it
    lies most centrally, ``"mean"`` averages all of them (a small stride then makes an
    ensemble of contexts, at the cost of more model runs). ``label_bias`` adds to a role's B
    and I log-probabilities before decoding (``{"cue": (-0.3, 0.0)}``: start cues less
    readily); a role not named is left as is.
    ``transitions`` holds a role's learned CRF scores (``Transitions``), added to the
    path score; a role not named has none. ``batch_size`` windows go
    through the model at once. It is 1 by default: the int8 model quantizes activations
    with one scale per run, so a window batched with others (and their padding) could be
    labelled differently from the same window alone, and a text's spans would depend on
    the texts beside it. One window a run is also no slower on CPU.
    """

    size: int = 256
    stride: int = 192
    batch_size: int = 1
    decoding: str = "viterbi"
    merge: str = "center"
    span_threshold: float = 0.4
    label_bias: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    transitions: Mapping[str, Transitions] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.decoding not in DECODINGS:
            raise ExtractionError(
                f"unknown decoding {self.decoding!r}; available: {sorted(DECODINGS)}"
            )
        if self.merge not in MERGES:
            raise ExtractionError(f"unknown merge {self.merge!r}; available: {sorted(MERGES)}")
        if not 0 < self.stride <= self.size - 2:
            raise ExtractionError(
                f"stride must lie between 1 and size - 2 ({self.size - 2}), not {self.stride!r}"
            )
        if not 0.0 < self.span_threshold < 1.0:
            raise ExtractionError(
                f"span_threshold must lie between 0 and 1, not {self.span_threshold!r}"
            )


def load_tokenizer(path: str | Path) -> Any:
    """Load a ``tokenizer.json`` with truncation and padding switched off.

    Args:
        path: The ``tokenizer.json`` file.

    Returns:
        A ``tokenizers.Tokenizer``.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def encode_text(tokenizer: Any, text: str) -> Encoded:
    """Cut a text into wordpieces with their character offsets and word numbers.

    Args:
        tokenizer: A ``tokenizers.Tokenizer`` (see ``load_tokenizer``).
        text: The article text.

    Returns:
        The wordpieces, without [CLS] or [SEP].
    """
    encoding = tokenizer.encode(text, add_special_tokens=False)
    word_ids = [-1 if word is None else word for word in encoding.word_ids]
    return Encoded(
        ids=np.asarray(encoding.ids, dtype=np.int64),
        offsets=np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2),
        word_ids=np.asarray(word_ids, dtype=np.int64),
    )


def plan_windows(n_tokens: int, inner: int, stride: int) -> list[tuple[int, int]]:
    """Cover ``n_tokens`` wordpieces with windows of at most ``inner`` pieces.

    Args:
        n_tokens: Length of the text in wordpieces.
        inner: Wordpieces per window, special tokens excluded.
        stride: Step between window starts.

    Returns:
        ``(start, end)`` wordpiece ranges; the last one ends at ``n_tokens``.
    """
    if n_tokens <= inner:
        return [(0, n_tokens)] if n_tokens else []
    windows = []
    start = 0
    while True:
        end = min(start + inner, n_tokens)
        windows.append((start, end))
        if end == n_tokens:
            return windows
        start += stride
        # the last window is pulled back so that it is full
        if start + inner > n_tokens:
            start = n_tokens - inner


def assemble_batch(
    pieces: Sequence[np.ndarray], cls_id: int, sep_id: int, pad_id: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Wrap wordpiece windows in [CLS] … [SEP] and pad them to the longest one.

    Args:
        pieces: Wordpiece ids of each window.
        cls_id: Id of [CLS].
        sep_id: Id of [SEP].
        pad_id: Id of [PAD].

    Returns:
        ``input_ids`` and ``attention_mask``, int64 ``[len(pieces), longest + 2]``.
    """
    length = max(len(piece) for piece in pieces) + 2
    input_ids = np.full((len(pieces), length), pad_id, dtype=np.int64)
    attention_mask = np.zeros((len(pieces), length), dtype=np.int64)
    for row, piece in enumerate(pieces):
        input_ids[row, 0] = cls_id
        input_ids[row, 1 : len(piece) + 1] = piece
        input_ids[row, len(piece) + 1] = sep_id
        attention_mask[row, : len(piece) + 2] = 1
    return input_ids, attention_mask


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def merge_windows(
    n_tokens: int,
    windows: Sequence[tuple[int, int]],
    window_logits: Sequence[np.ndarray],
    merge: str = "center",
) -> np.ndarray:
    """Combine the scores of overlapping windows into one score per wordpiece.

    Args:
        n_tokens: Length of the text in wordpieces.
        windows: ``(start, end)`` of each window.
        window_logits: Per window, logits ``[end - start, roles, labels]`` (special tokens
            already removed).
        merge: ``"center"``: each wordpiece takes the window where it lies most centrally;
            ``"mean"``: the mean log-probabilities of every window that holds it.

    Returns:
        Log-probabilities ``[n_tokens, roles, labels]``.
    """
    merged = np.zeros((n_tokens, len(ROLES), len(LABELS)), dtype=np.float32)
    if merge == "mean":
        counts = np.zeros(n_tokens, dtype=np.float32)
        for (start, end), logits in zip(windows, window_logits, strict=True):
            merged[start:end] += _log_softmax(logits)
            counts[start:end] += 1
        return _log_softmax(merged / np.maximum(counts, 1)[:, None, None])
    best_margin = np.full(n_tokens, -1, dtype=np.int64)
    for (start, end), logits in zip(windows, window_logits, strict=True):
        positions = np.arange(start, end)
        margin = np.minimum(positions - start, end - 1 - positions)
        better = margin > best_margin[start:end]
        merged[start:end][better] = logits[better]
        best_margin[start:end][better] = margin[better]
    return _log_softmax(merged)


def word_starts(encoded: Encoded) -> np.ndarray:
    """Indices of the wordpieces that begin a word; a word is labelled by its first piece.

    Args:
        encoded: The wordpieces of a text.

    Returns:
        Increasing wordpiece indices.
    """
    word_ids = encoded.word_ids
    first = np.ones(len(word_ids), dtype=bool)
    first[1:] = (word_ids[1:] != word_ids[:-1]) | (word_ids[1:] < 0)
    return np.nonzero(first)[0]


def _after_line_break(text: str, encoded: Encoded, firsts: np.ndarray) -> np.ndarray:
    """Whether a line break lies between each word (``firsts``) and the word before it."""
    is_break = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == ord("\n")
    breaks_before = np.concatenate(([0], np.cumsum(is_break)))
    starts = encoded.offsets[firsts, 0]
    previous_ends = encoded.offsets[np.maximum(firsts - 1, 0), 1]
    anew = breaks_before[starts] > breaks_before[np.minimum(previous_ends, starts)]
    if len(anew):
        anew[0] = False
    return anew


def labels_to_spans(
    text: str, encoded: Encoded, labels: np.ndarray, word_level: bool = True
) -> list[CharSpan]:
    """Turn per-wordpiece O/B/I labels of one role into character spans.

    An I after O starts a span (BIO repair). With ``word_level``, every wordpiece of a word
    takes the label of the word's first piece, so spans start and end at word edges. A span
    never runs across a line break: PolNeAR's gold spans never contain one.

    Args:
        text: The article text.
        encoded: Its wordpieces (``encode_text``).
        labels: One of O=0, B=1, I=2 per wordpiece.
        word_level: Whether to label whole words.

    Returns:
        Character spans, trimmed of white space, in text order.
    """
    offsets, word_ids = encoded.offsets, encoded.word_ids
    spans: list[CharSpan] = []
    current: list[int] | None = None
    previous_word = -2
    for index in range(len(labels)):
        same_word = word_level and word_ids[index] == previous_word and word_ids[index] >= 0
        previous_word = int(word_ids[index])
        if same_word:
            if current is not None:
                current[1] = int(offsets[index, 1])
            continue
        label = int(labels[index])
        start, end = int(offsets[index, 0]), int(offsets[index, 1])
        if current is not None and (label != I or "\n" in text[current[1] : start]):
            spans.append((current[0], current[1]))
            current = None
        if label == B or (label == I and current is None):
            current = [start, end]
        elif label == I and current is not None:
            current[1] = end
    if current is not None:
        spans.append((current[0], current[1]))
    return [span for span in (_strip(text, *span) for span in spans) if span[0] < span[1]]


def _strip(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class SpanTagger:
    """Finds attribution Source, Cue and Content spans in raw text.

    Build it with ``SpanTagger.from_dir`` (or ``default_tagger()`` for the shipped model);
    training code may pass its own ``run_batch`` to score a model still in memory.
    """

    def __init__(
        self,
        tokenizer: Any,
        run_batch: RunBatch,
        settings: WindowSettings | None = None,
        config: dict[str, Any] | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.run_batch = run_batch
        self.settings = settings or WindowSettings()
        self.config = config or {}
        self._cls_id = tokenizer.token_to_id("[CLS]")
        self._sep_id = tokenizer.token_to_id("[SEP]")
        self._pad_id = tokenizer.token_to_id("[PAD]") or 0

    @classmethod
    def from_dir(cls, path: str | Path, threads: int | None = None) -> SpanTagger:
        """Load the model files (``config.json`` ``members``, by default ``tagger.onnx``),
        ``tokenizer.json`` and ``config.json`` from a folder.

        A folder with several members is an ensemble (``onrecord train ensemble``): every
        window goes through each model and takes the mean of their log-probabilities.

        Args:
            path: The model folder.
            threads: onnxruntime intra-op threads; by default, the cores available.

        Returns:
            A ready tagger.

        Raises:
            ExtractionError: If a file is missing or a model cannot be loaded.
        """
        folder = Path(path)
        if not (folder / "config.json").is_file():
            raise ExtractionError(f"attribution model folder {str(folder)!r} lacks config.json")
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ExtractionError(f"cannot read {str(folder / 'config.json')!r}: {error}") from None
        members = model_members(config)
        missing = [name for name in (*members, "tokenizer.json") if not (folder / name).is_file()]
        if missing:
            raise ExtractionError(f"attribution model folder {str(folder)!r} lacks {missing}")
        runs = [_onnx_run_batch(folder / name, threads or available_cores()) for name in members]
        run_batch = runs[0] if len(runs) == 1 else _mean_of_models(runs)

        window = config.get("window", {})
        settings = WindowSettings(
            size=int(window.get("size", 256)),
            stride=int(window.get("stride", 192)),
            batch_size=int(window.get("batch_size", 1)),
            decoding=str(window.get("decoding", "viterbi")),
            merge=str(window.get("merge", "center")),
            span_threshold=float(window.get("span_threshold", 0.4)),
            label_bias={
                role: (float(bias.get("B", 0.0)), float(bias.get("I", 0.0)))
                for role, bias in window.get("label_bias", {}).items()
            },
            transitions={
                role: Transitions.from_config(rows)
                for role, rows in window.get("transitions", {}).items()
            },
        )
        return cls(load_tokenizer(folder / "tokenizer.json"), run_batch, settings, config)

    def with_settings(self, **changes: Any) -> SpanTagger:
        """The same model and tokenizer, read with some ``WindowSettings`` changed."""
        settings = replace(self.settings, **changes)
        return SpanTagger(self.tokenizer, self.run_batch, settings, self.config)

    def thorough(self) -> SpanTagger:
        """The same model read more slowly and more accurately: a window starts every
        ``THOROUGH_STRIDE`` wordpieces and every window holding a wordpiece counts
        (``merge="mean"``)."""
        return self.with_settings(merge="mean", stride=min(THOROUGH_STRIDE, self.settings.size - 2))

    def tag(self, text: str) -> dict[str, list[CharSpan]]:
        """Find the Source, Cue and Content spans of one text.

        Args:
            text: The article text.

        Returns:
            ``{"source": [(start, end), ...], "cue": [...], "content": [...]}``.
        """
        return self.tag_many([text])[0]

    def tag_many(self, texts: Sequence[str]) -> list[dict[str, list[CharSpan]]]:
        """Find the Source, Cue and Content spans of many texts, windows batched together.

        Args:
            texts: Article texts.

        Returns:
            One result per text, as for ``tag``.
        """
        return [self.decode(scored) for scored in self.word_scores(texts)]

    def _run_windows(
        self, encodings: Sequence[Encoded], jobs: list[tuple[int, int, int]]
    ) -> dict[tuple[int, int, int], np.ndarray]:
        # sorting by length keeps padding (wasted work) small
        jobs = sorted(jobs, key=lambda job: job[2] - job[1])
        outputs = {}
        for first in range(0, len(jobs), self.settings.batch_size):
            batch = jobs[first : first + self.settings.batch_size]
            pieces = [encodings[doc].ids[start:end] for doc, start, end in batch]
            input_ids, attention_mask = assemble_batch(
                pieces, self._cls_id, self._sep_id, self._pad_id
            )
            logits = self.run_batch(input_ids, attention_mask)
            for row, job in enumerate(batch):
                outputs[job] = logits[row, 1 : job[2] - job[1] + 1]
        return outputs

    def word_scores(self, texts: Sequence[str]) -> list[WordScores]:
        """Run the model over texts and keep, per text, the scores of each word.

        Decoding these (``decode``) gives what ``tag_many`` gives; keeping them lets a caller
        decode one model run many times, as ``onrecord.train.biases`` does to choose biases.

        Args:
            texts: Article texts.

        Returns:
            One ``WordScores`` per text.
        """
        encodings = [encode_text(self.tokenizer, text) for text in texts]
        inner = self.settings.size - 2
        jobs: list[tuple[int, int, int]] = []
        plans = []
        for doc_index, encoded in enumerate(encodings):
            plan = plan_windows(len(encoded.ids), inner, self.settings.stride)
            plans.append(plan)
            jobs.extend((doc_index, start, end) for start, end in plan)
        outputs = self._run_windows(encodings, jobs)
        scored = []
        for doc_index, (text, encoded) in enumerate(zip(texts, encodings, strict=True)):
            plan = plans[doc_index]
            firsts = word_starts(encoded)
            if plan:
                logits = [outputs[(doc_index, start, end)] for start, end in plan]
                merged = merge_windows(len(encoded.ids), plan, logits, self.settings.merge)
                log_probs = merged[firsts]
            else:
                log_probs = np.zeros((0, len(ROLES), len(LABELS)), dtype=np.float32)
            starts_anew = _after_line_break(text, encoded, firsts)
            scored.append(WordScores(text, encoded, firsts, log_probs, starts_anew))
        return scored

    def decode(
        self,
        scored: WordScores,
        label_bias: Mapping[str, tuple[float, float]] | None = None,
        roles: Sequence[str] = ROLES,
        span_threshold: float | None = None,
    ) -> dict[str, list[CharSpan]]:
        """Turn one text's word scores into spans.

        Args:
            scored: From ``word_scores``.
            label_bias: Biases to use instead of the tagger's own (``WindowSettings``).
            roles: The roles to decode.
            span_threshold: With marginal decoding, a threshold to use instead of the
                tagger's own.

        Returns:
            Character spans per role; with marginal decoding of contents, also the first
            words of likely contents (``CONTENT_STARTS``) and the likeliest readings of
            contents whose end is unsure (``UNSURE_CONTENTS``).
        """
        biases = self.settings.label_bias if label_bias is None else label_bias
        threshold = self.settings.span_threshold if span_threshold is None else span_threshold
        found = {}
        for role in roles:
            index = ROLES.index(role)
            bias_b, bias_i = biases.get(role, (0.0, 0.0))
            scores = scored.log_probs[:, index] + np.array([0.0, bias_b, bias_i], np.float32)
            learned = self.settings.transitions.get(role)
            if self.settings.decoding == "marginal":
                reading = marginal_spans(scores, scored.starts_anew, learned, threshold)
                word_labels = spans_to_labels(len(scores), reading.kept)
                if role == "content":
                    starts = [(word, word) for word in reading.starts]
                    found[CONTENT_STARTS] = _word_spans(scored, starts)
                    found[UNSURE_CONTENTS] = _word_spans(scored, reading.unsure)
            elif self.settings.decoding == "viterbi":
                word_labels = viterbi_labels(scores, scored.starts_anew, learned)
            else:
                word_labels = argmax_labels(scores)
            found[role] = _word_labels_to_spans(scored, word_labels)
        return found


def _word_labels_to_spans(scored: WordScores, word_labels: np.ndarray) -> list[CharSpan]:
    """Character spans of one O/B/I label per word (read at the word's first piece)."""
    # the other pieces of a word follow its first piece (labels_to_spans reads those)
    labels = np.full(len(scored.encoded.ids), I, dtype=np.int64)
    labels[scored.firsts] = word_labels
    return labels_to_spans(scored.text, scored.encoded, labels)


def _word_spans(scored: WordScores, spans: Sequence[tuple[int, int]]) -> list[CharSpan]:
    """The character spans of non-overlapping word spans (first and last word)."""
    return _word_labels_to_spans(scored, spans_to_labels(len(scored.firsts), spans))


def model_members(config: Mapping[str, Any]) -> list[str]:
    """The ONNX files of a model folder, by its config: one, or the members of an ensemble."""
    members = config.get("members", ["tagger.onnx"])
    if (
        not isinstance(members, list)
        or not members
        or not all(isinstance(name, str) and name for name in members)
    ):
        raise ExtractionError(f"config.json members must be a list of file names, not {members!r}")
    return list(members)


def _onnx_run_batch(path: Path, threads: int) -> RunBatch:
    """An onnxruntime session of one model file, as a ``RunBatch``."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
    except Exception as error:  # onnxruntime raises its own untyped errors
        raise ExtractionError(f"cannot load {str(path)!r}: {error}") from error

    def run_batch(input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        return np.asarray(session.run(["logits"], feeds)[0])

    return run_batch


def _mean_of_models(runs: Sequence[RunBatch]) -> RunBatch:
    """An ensemble's ``RunBatch``: the mean of its models' log-probabilities."""

    def run_batch(input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        total = sum(_log_softmax(run(input_ids, attention_mask)) for run in runs)
        return np.asarray(total / len(runs), dtype=np.float32)

    return run_batch


def available_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=2)
def default_tagger(threads: int | None = None) -> SpanTagger:
    """Load the model shipped in ``onrecord/extraction/attribution/model`` once, on first use.

    Args:
        threads: onnxruntime intra-op threads; by default, every core available.

    Returns:
        The shared tagger.

    Raises:
        ExtractionError: If the shipped model is missing or broken.
    """
    return SpanTagger.from_dir(MODEL_DIR, threads=threads)
