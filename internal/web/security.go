package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// csp allows only this origin and no inline script: the UI must work with what the binary
// serves, and an injected <script> has nowhere to come from.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// securityHeaders sets the headers every response carries.
func securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // not no-referrer: that breaks CSRF referer checks over HTTPS
	h.Set("X-Frame-Options", "DENY")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	return c.Next()
}

// isAPI reports whether a request is for the JSON API, which answers errors in JSON.
func isAPI(c *fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/api/") || c.Path() == "/healthz" }
