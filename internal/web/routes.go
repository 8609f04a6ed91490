package web

import "github.com/gofiber/fiber/v2"

// routes is the one route table of the product. UI paths are Dutch; /api/ is the JSON contract
// documented in the README.
func (s *Server) routes(app *fiber.App) {
	app.Get("/static/:file", s.assets.serve)
	app.Get("/healthz", s.health)
	// Accounts (auth.go is the gate in front of all routes; these are the pages around it).
	app.Get("/inloggen", s.loginForm)
	app.Post("/inloggen", s.login)
	app.Post("/uitloggen", s.logout)
	app.Post("/uitloggen/overal", s.logoutEverywhere)
	app.Get("/inrichten/:token", s.setupForm)
	app.Post("/inrichten/:token", s.setup)
	app.Get("/account", s.accountPage)
	app.Post("/account/wachtwoord", s.accountPassword)
	app.Post("/account/sessies/:handle/beeindigen", s.accountSessionEnd)
	app.Post("/account/sleutels", s.accountTokenCreate)
	app.Post("/account/sleutels/:id/intrekken", s.accountTokenRevoke)
	app.Get("/beheer/accounts", s.adminAccounts)
	app.Get("/beheer/accounts/nieuw", s.adminAddForm)
	app.Post("/beheer/accounts/nieuw", s.adminAdd)
	app.Get("/beheer/accounts/:name/wijzigen", s.adminEditForm)
	app.Post("/beheer/accounts/:name/wijzigen", s.adminEdit)
	app.Post("/beheer/accounts/:name/uitzetten", s.adminDisable(false))
	app.Post("/beheer/accounts/:name/aanzetten", s.adminDisable(true))
	app.Post("/beheer/accounts/:name/sessies-beeindigen", s.adminEndSessions)
	app.Get("/beheer/bewaartermijn", s.retention) // retention.go: export, then erase

	overviews := newOverviews(s) // per-commit cache shared by the home page and the title search
	s.maint.onReopen(overviews.reset)
	s.maint.onReopen(s.searches.clear)
	app.Get("/", s.home(overviews))
	app.Get("/api/pages/:kind/:slug", s.apiGetPage)
	app.Put("/api/pages/:kind/:slug", s.apiSavePage)
	app.Get("/api/pages/:kind/:slug/history", s.apiPageHistory)
	app.Get("/api/pages/:kind/:slug/similar", s.apiMoreLike)
	app.Get("/api/search", s.apiSearch(overviews))
	app.Get("/api/titles", s.apiTitles(overviews))
	app.Get("/zoeken", s.searchPage(overviews))
	app.Post("/zoeken", s.searchPost) // search_slots.go: the question stays off the address
	// Reading, creating and editing pages. Fixed paths come before /:folder/:slug; those
	// handlers pass a folder that is not a page folder on (c.Next), so /api/x still works.
	app.Get("/themes", s.themesList)
	app.Get("/nieuw/:kind", s.pageNew)
	app.Post("/nieuw/:kind", s.pageCreate)
	app.Get("/cases/:slug/afdrukken", s.casePrint)
	app.Get("/cases/:slug/inzage", s.inzageDownload) // inzage.go: the bundle, for beheerders
	app.Get("/cases/:slug/wissen", s.eraseForm)      // erase.go: erasure from the whole history
	app.Post("/cases/:slug/wissen", s.eraseApply)
	app.Get("/cases/:slug/bord/:change", s.boardChangeForm) // board_change.go: the board without YAML
	app.Post("/cases/:slug/bord/:change", s.boardChangeApply)
	app.Get("/teams/:slug/overzicht", s.teamOverview)
	// Looking back and attachments (history.go … media.go).
	app.Get("/recent", s.recent)
	app.Get("/recent.atom", s.feed)
	app.Get("/media/:slug/:file", s.media)
	app.Get("/:folder/:slug/geschiedenis", s.history)
	app.Get("/:folder/:slug/inzagelog", s.viewLog) // view_log.go: who read a portrait or casus
	app.Get("/:folder/:slug/inzagelog.csv", s.viewLogExport)
	app.Get("/:folder/:slug/verschil", s.diff)
	app.Get("/:folder/:slug/versie/:commit", s.version)
	app.Post("/:folder/:slug/terugzetten", s.restore)
	app.Get("/:folder/:slug/bijlagen", s.attachments)
	app.Post("/:folder/:slug/bijlagen", s.attach)
	app.Get("/:folder/:slug", s.pageShow)
	app.Get("/:folder/:slug/bewerken", s.pageEdit)
	app.Post("/:folder/:slug/bewerken", s.pageSave)
	app.Post("/:folder/:slug/voorbeeld", s.pagePreview)
}
