"""Ink is told from paper on a page with little ink: the paper's grain never counts as ink.

A grey scan of the last page of a plan (a signature, a few lines) is the case: Otsu's threshold then
falls in the middle of the paper's own grain, and half the page would be taken for ink."""

import numpy as np
from PIL import Image

from caitien.planfile.readers import image_cleanup


def _page_with_a_few_strokes(seed: int) -> tuple[Image.Image, np.ndarray]:
    rng = np.random.default_rng(seed)
    page = rng.normal(185, 6, size=(1200, 900)).clip(0, 255)  # grey paper, as scanners often give
    ink = np.zeros(page.shape, dtype=bool)
    for row in (200, 240):  # two short strokes: a signature page
        ink[row : row + 4, 100:160] = True
    page[ink] = rng.normal(40, 10, size=int(ink.sum())).clip(0, 255)
    return Image.fromarray(page.astype(np.uint8), mode="L"), ink


def test_a_page_of_little_ink_keeps_its_paper_white():
    for seed in range(3):
        gray, ink = _page_with_a_few_strokes(seed)
        found = image_cleanup.binarize(gray)
        assert found[ink].mean() > 0.99  # the strokes are ink
        assert found[~ink].mean() < 0.001  # the grain of the paper is not
