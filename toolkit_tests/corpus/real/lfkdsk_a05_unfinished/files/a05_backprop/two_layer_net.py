# This file is real public code, kept as a fixture of the grader's test corpus.
# Source: https://github.com/lfkdsk/learning-ML (commit e297f03f506c), deep-learn/ch04/two_layer_net_sample.py
# Licence: Apache-2.0 (repository) and MIT, Copyright (c) 2016 Koki Saitoh (deep-learn/) (the licence text is in the LICENSE file beside this folder).
# Adapted, only what the assignment's API needs:
#   - saved as two_layer_net.py; `common.functions` / `common.gradient` become the student's activations.py and gradient.py; sys.path lines removed

# utf-8
from activations import *
from gradient import numerical_gradient

class TwoLayerNet(object):
	
	def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
		# 初始化权重
		self.params = {}
		self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
