package main
import (
 _ "github.com/gofiber/fiber/v2"
 _ "github.com/yuin/goldmark"
 _ "github.com/blevesearch/bleve/v2"
 _ "github.com/microcosm-cc/bluemonday"
 _ "github.com/go-git/go-git/v5"
 _ "go.yaml.in/yaml/v3"
 _ "github.com/aymanbagabas/go-udiff"
)
func main(){}
