package xmlns

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestScopes(t *testing.T) {
	var s Scopes
	s.Push([]xml.Attr{{Name: xml.Name{Space: "xmlns", Local: "a"}, Value: "urn:a"}, {Name: xml.Name{Local: "xmlns"}, Value: "urn:default"}, {Name: xml.Name{Local: "id"}, Value: "x"}})
	s.Push([]xml.Attr{{Name: xml.Name{Space: "xmlns", Local: "a"}, Value: "urn:inner"}})
	n, ok := s.Resolve("a:T")
	require.True(t, ok)
	require.Equal(t, xml.Name{Space: "urn:inner", Local: "T"}, n)
	n, ok = s.Resolve(" T ")
	require.True(t, ok)
	require.Equal(t, xml.Name{Space: "urn:default", Local: "T"}, n)
	_, ok = s.Resolve("b:T")
	require.False(t, ok)
	require.Equal(t, map[string]string{"a": "urn:inner", "": "urn:default"}, s.InScope())
	s.Pop()
	n, _ = s.Resolve("a:T")
	require.Equal(t, "urn:a", n.Space)
}
