"""Join trained span taggers into one model folder that reads every window with each.

Runs trained alone with different seeds err differently; the mean of their
log-probabilities (``SpanTagger.from_dir`` on a folder with several ``members``) errs
less than either. The members' ONNX files are copied side by side, their CRF transitions
averaged, and the decoding (label biases, span threshold) chosen again on a training
split, since the mean of two models is more sure of itself than each. Needs onnxruntime
only, not torch.

    onrecord train ensemble runs/seed13/model runs/seed29/model \\
        --out runs/ensemble --data ../shared/data/polnear/train
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.errors import ConfigError
from onrecord.extraction.attribution.tagger import model_members
from onrecord.train.biases import read_config, write_config

# what the members' configs must agree on to be read as one model
SHARED_KEYS = ("version", "roles", "labels")
SHARED_WINDOW_KEYS = ("size", "stride", "batch_size")
# chosen again for the ensemble (``onrecord train biases``)
DECODING_KEYS = ("label_bias", "decoding", "span_threshold")


def member_file(index: int) -> str:
    """The file name of an ensemble's ``index``-th model (0: ``tagger.onnx``)."""
    return "tagger.onnx" if index == 0 else f"tagger-{index + 1}.onnx"


def combine_models(member_dirs: Sequence[str | Path], out_dir: str | Path) -> dict[str, Any]:
    """Write an ensemble model folder from single-model folders.

    Args:
        member_dirs: Two or more model folders, each with one ``tagger.onnx``, trained with
            the same tokenizer and windows.
        out_dir: The new folder (created; files of the same names are replaced).

    Returns:
        The ensemble's ``config.json``; its decoding still has to be chosen.

    Raises:
        ConfigError: If there are fewer than two members, or they do not fit together.
    """
    folders = [Path(path) for path in member_dirs]
    if len(folders) < 2:
        raise ConfigError("an ensemble needs at least two model folders")
    for folder in folders:
        for name in ("config.json", "tagger.onnx", "tokenizer.json"):
            if not (folder / name).is_file():
                raise ConfigError(f"model folder {str(folder)!r} lacks {name}")
    try:
        configs = [read_config(folder) for folder in folders]
    except ValueError as error:
        raise ConfigError(f"a member's config.json is not JSON: {error}") from None
    _check_compatible(folders, configs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for index, folder in enumerate(folders):
        shutil.copyfile(folder / "tagger.onnx", out / member_file(index))
    shutil.copyfile(folders[0] / "tokenizer.json", out / "tokenizer.json")

    config = {key: configs[0][key] for key in (*SHARED_KEYS, "base_model") if key in configs[0]}
    window = {
        key: value
        for key, value in configs[0].get("window", {}).items()
        if key not in DECODING_KEYS
    }
    transitions = [member.get("window", {}).get("transitions", {}) for member in configs]
    shared_roles = set.intersection(*(set(member) for member in transitions))
    window["transitions"] = {
        role: np.round(np.mean([member[role] for member in transitions], axis=0), 4).tolist()
        for role in sorted(shared_roles)
    }
    config["window"] = window
    config["members"] = [member_file(index) for index in range(len(folders))]
    config["ensemble"] = [
        {
            "from": str(folder),
            **{
                key: member[key]
                for key in ("training", "train_data", "dev_data", "epoch", "dev_int8")
                if key in member
            },
        }
        for folder, member in zip(folders, configs, strict=True)
    ]
    write_config(out, config)
    return config


def _check_compatible(folders: Sequence[Path], configs: Sequence[dict[str, Any]]) -> None:
    first_tokenizer = (folders[0] / "tokenizer.json").read_bytes()
    for folder, config in zip(folders, configs, strict=True):
        if model_members(config) != ["tagger.onnx"]:
            raise ConfigError(f"{str(folder)!r} is an ensemble already; join single models")
        if (folder / "tokenizer.json").read_bytes() != first_tokenizer:
            raise ConfigError(f"{str(folder)!r} has another tokenizer than {str(folders[0])!r}")
        differing = [key for key in SHARED_KEYS if config.get(key) != configs[0].get(key)] + [
            f"window.{key}"
            for key in SHARED_WINDOW_KEYS
            if config.get("window", {}).get(key) != configs[0].get("window", {}).get(key)
        ]
        if differing:
            raise ConfigError(
                f"{str(folder)!r} differs from {str(folders[0])!r} in {', '.join(differing)}"
            )
