package core

import (
	"log/slog"
	"net/http"
	"time"
)

// DefaultTimeout bounds a call whose context has no deadline.
const DefaultTimeout = time.Minute

// Options configure a client.
type Options struct {
	HTTPClient *http.Client
	Now        func() time.Time
	Logger     *slog.Logger
	Timeout    time.Duration
	MaxBytes   int64
}

// Option sets one option.
type Option func(*Options)

// BuildOptions applies opts over the defaults.
func BuildOptions(opts []Option) Options {
	o := Options{Now: time.Now, Timeout: DefaultTimeout}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
