package regen

import (
	"go/token"
	"strconv"
	"strings"
	"unicode"
)

// exported turns an XML name into an exported Go identifier, keeping the
// case of inner letters ("getSKUCodeByDetails" -> "GetSKUCodeByDetails") and
// dropping characters Go does not allow ("FRAUD / NOT_RECOGNIZED" ->
// "FraudNotRecognized" when allCaps words are folded).
func exported(name string) string {
	words := splitWords(name)
	var b strings.Builder
	for _, w := range words {
		if isUpperWord(w) && len(words) > 1 || isUpperWord(w) && len(w) > 4 {
			w = strings.ToLower(w)
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	id := b.String()
	if id == "" {
		return "X"
	}
	if unicode.IsDigit([]rune(id)[0]) {
		id = "X" + id
	}
	return id
}

// unexported turns an XML name into an unexported identifier that is not a
// Go keyword.
func unexported(name string) string {
	id := exported(name)
	r := []rune(id)
	// Lower the leading run of capitals, leaving the last one of a run that
	// starts a word: "SKUCode" -> "skuCode", "ID" -> "id".
	i := 0
	for i < len(r) && unicode.IsUpper(r[i]) {
		i++
	}
	switch {
	case i == len(r):
		id = strings.ToLower(id)
	case i > 1:
		id = strings.ToLower(string(r[:i-1])) + string(r[i-1:])
	default:
		id = strings.ToLower(string(r[:1])) + string(r[1:])
	}
	// Besides keywords, avoid the names a generated method declares or uses:
	// a parameter called xml would shadow the package the body calls.
	switch id {
	case "ctx", "c", "result", "err", "xml", "soap", "context":
		id += "_"
	}
	if token.IsKeyword(id) {
		id += "_"
	}
	return id
}

// splitWords splits at characters that cannot appear in identifiers.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r)) || r > unicode.MaxASCII
	})
}

func isUpperWord(w string) bool {
	hasLetter := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		hasLetter = hasLetter || unicode.IsLetter(r)
	}
	return hasLetter
}

// namer hands out unique identifiers within one scope.
type namer struct{ used map[string]bool }

func newNamer(reserved ...string) *namer {
	n := &namer{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[r] = true
	}
	return n
}

// unique returns id, or id with the smallest numeric suffix that is free.
func (n *namer) unique(id string) string {
	if !n.used[id] {
		n.used[id] = true
		return id
	}
	for i := 2; ; i++ {
		c := id + strconv.Itoa(i)
		if !n.used[c] {
			n.used[c] = true
			return c
		}
	}
}
