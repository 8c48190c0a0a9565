import numpy as np
import pytest

from onrecord.link.embed import default_encoder

pytestmark = pytest.mark.slow

TEXTS = [
    "Lukashenko denied that he and Putin discussed a merger.",
    "The two presidents did not talk about uniting the countries, Lukashenko said.",
    "Stocks fell sharply on Monday.",
]


def test_matches_the_reference_model_output():
    # the first six values of the sentence-transformers embedding of TEXTS[0], taken once
    # from the reference PyTorch model (transformers BertModel + mean pooling + L2 norm)
    reference = [0.01147, 0.04355, -0.00864, 0.05403, -0.02453, -0.03018]
    vectors = default_encoder().encode(TEXTS)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(vectors[0, :6], reference, atol=1e-4)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrases_are_closer_than_unrelated_sentences():
    vectors = default_encoder().encode(TEXTS)
    assert vectors[0] @ vectors[1] == pytest.approx(0.619, abs=0.01)
    assert vectors[0] @ vectors[2] < 0.1


def test_batches_and_padding_do_not_change_results():
    encoder = default_encoder()
    together = encoder.encode(TEXTS + ["", "a much longer sentence " * 20], batch_size=2)
    alone = np.stack([encoder.encode([text])[0] for text in TEXTS])
    assert np.allclose(together[:3], alone, atol=1e-5)
    assert not together[3].any()
