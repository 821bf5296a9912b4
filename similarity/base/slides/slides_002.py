linear = nn.Linear(2, 1, bias=True)
sigmoid = nn.Sigmoid()
model = nn.Sequential(linear, sigmoid).to(device)
criterion = torch.nn.BCELoss().to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=1)

model = nn.Sequential(  
 nn.Linear(2, 10, bias=True), # input_layer = 2, hidden_layer1 = 10  
 nn.Sigmoid(),  
 nn.Linear(10, 10, bias=True), # hidden_layer1 = 10, hidden_layer2 = 10  
 nn.Sigmoid(),  
 nn.Linear(10, 10, bias=True), # hidden_layer2 = 10, hidden_layer3 = 10  
 nn.Sigmoid(),  
 nn.Linear(10, 1, bias=True), # hidden_layer3 = 10, output_layer = 1  
 nn.Sigmoid()  
).to(device)  
criterion = torch.nn.BCELoss().to(device)  
optimizer = torch.optim.SGD(model.parameters(), lr=1) # modified learning rate from 0.1 to 1

# MNIST data image of shape 28 * 28 = 784
linear = nn.Sequential()
linear.add_module('fc1', nn.Linear(28*28*1, 100))
linear.add_module('relu1', nn.ReLU())
linear.add_module('fc2', nn.Linear(100, 100))
linear.add_module('relu2', nn.ReLU())
linear.add_module('fc3', nn.Linear(100, 10))
# MNIST data image of shape 28 * 28 = 784

# hyperparameters
training_epochs = 15
batch_size = 100

# 비용 함수와 옵티마이저 정의
criterion = nn.CrossEntropyLoss().to(device) # 내부적으로 소프트맥스 함수를 포함하고 있음.
optimizer = torch.optim.SGD(linear.parameters(), lr=0.1)

# dataset loader
data_loader = DataLoader(dataset=mnist_train,
                       batch_size=batch_size, # 배치 크기는 100
                       shuffle=True,
                       drop_last=True)
