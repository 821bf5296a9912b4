# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/WegraLee/deep-learning-from-scratch (commit 4fafa7151783), common/layers.py
# Licence: MIT, Copyright (c) 2016 Koki Saitoh (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - the assignment's module is only the import a student writes to hand in the book's layers.py kept beside it

from layers import Dropout, BatchNormalization
