# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/util.py
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/layers.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the assignment's module is only the imports a student writes to hand in the book's common/ files kept beside it (util.py, layers.py, functions.py, unchanged but for layers.py's two imports)

from util import conv_output_size, im2col, col2im
from layers import Convolution, Pooling
