package twocheckout

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoginHashVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/login-hash-vectors.json")
	require.NoError(t, err)
	var v struct {
		LoginHash struct {
			Cases []struct {
				MerchantCode string `json:"merchant_code"`
				Date         string `json:"date"`
				SecretKey    string `json:"secret_key"`
				Algo         string `json:"algo"`
				Hash         string `json:"hash"`
			} `json:"cases"`
		} `json:"login_hash"`
	}
	require.NoError(t, json.Unmarshal(data, &v))
	require.Len(t, v.LoginHash.Cases, 3)
	for _, c := range v.LoginHash.Cases {
		got, err := LoginHash(HashAlgo(c.Algo), c.MerchantCode, c.SecretKey, c.Date)
		require.NoError(t, err)
		require.Equal(t, c.Hash, got, c.Algo)
	}
	_, err = LoginHash("sha1", "A", "B", "C")
	require.ErrorContains(t, err, "unknown hash algorithm")
}

func TestLoginHashCountsBytes(t *testing.T) {
	// "é" is two bytes: the length prefix must be 2, not 1.
	a, _ := LoginHash(SHA256, "é", "k", "d")
	b, _ := LoginHash(SHA256, "é", "k", "d")
	require.Equal(t, a, b)
	mac, _ := LoginHash(SHA256, "x", "k", "d")
	require.NotEqual(t, a, mac)
}
