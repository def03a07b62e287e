module github.com/urodata/uro

go 1.26.8
