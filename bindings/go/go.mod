module pacta.local/pacta

go 1.19
