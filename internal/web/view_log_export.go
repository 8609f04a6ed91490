package web

import (
	"bytes"
	"encoding/csv"

	"github.com/gofiber/fiber/v2"
)

// viewLogExport answers GET /:folder/:slug/inzagelog.csv: the same log as a CSV file (UTF-8,
// comma-separated, one header line), to hand to a parent or to keep with a request for
// inzage. It holds no page text, only who, which file, when and how.
func (s *Server) viewLogExport(c *fiber.Ctx) error {
	ref, items, err := s.viewLogFor(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"tijd", "naam", "account", "bestand", "wat"})
	for _, it := range items {
		w.Write([]string{it.ISO, it.Who, it.Account, it.Path, it.What})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, contentDisposition("attachment", "inzagelog-"+string(ref.Kind)+"-"+string(ref.Slug)+".csv"))
	return c.Send(buf.Bytes())
}
