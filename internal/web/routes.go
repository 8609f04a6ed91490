package web

import "github.com/gofiber/fiber/v2"

// routes is the one route table of the product. UI paths are Dutch; /api/ is the JSON contract
// documented in the README.
func (s *Server) routes(app *fiber.App) {
	app.Get("/static/:file", s.assets.serve)
	app.Get("/healthz", s.health)
	overviews := newOverviews(s) // per-commit cache shared by the home page and the title search
	app.Get("/", s.home(overviews))
	app.Get("/api/pages/:kind/:slug", s.apiGetPage)
	app.Put("/api/pages/:kind/:slug", s.apiSavePage)
	app.Get("/api/pages/:kind/:slug/history", s.apiPageHistory)
	app.Get("/api/search", s.apiSearch(overviews))
	// Looking back and attachments (history.go … media.go).
	app.Get("/recent", s.recent)
	app.Get("/recent.atom", s.feed)
	app.Get("/media/:slug/:file", s.media)
	app.Get("/:folder/:slug/geschiedenis", s.history)
	app.Get("/:folder/:slug/verschil", s.diff)
	app.Get("/:folder/:slug/versie/:commit", s.version)
	app.Post("/:folder/:slug/terugzetten", s.restore)
	app.Get("/:folder/:slug/bijlagen", s.attachments)
	app.Post("/:folder/:slug/bijlagen", s.attach)
}
