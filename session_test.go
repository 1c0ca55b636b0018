package twocheckout

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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
	// "é" is two bytes in UTF-8: the signed string must be "2é1d" (bytes),
	// not "1é1d" (runes).
	got, err := LoginHash(SHA256, "é", "k", "d")
	require.NoError(t, err)
	mac := hmac.New(sha256.New, []byte("k"))
	mac.Write([]byte("2é1d"))
	require.Equal(t, hex.EncodeToString(mac.Sum(nil)), got)
	runes := hmac.New(sha256.New, []byte("k"))
	runes.Write([]byte("1é1d"))
	require.NotEqual(t, hex.EncodeToString(runes.Sum(nil)), got)
}
