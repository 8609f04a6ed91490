package web

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/internal/workspace"
)

// attachAccept is the upload field's accept attribute: a hint for the browser's file picker.
// The server decides by content, not by this list.
const attachAccept = "image/png,image/jpeg,image/gif,image/webp,audio/mpeg,audio/mp4,audio/x-m4a,audio/ogg,audio/wav," +
	".png,.jpg,.jpeg,.gif,.webp,.mp3,.m4a,.ogg,.oga,.opus,.wav"

// The messages of a refused upload; nothing is committed in either case.
const (
	msgTooLarge    = "Dit bestand is te groot. Een bijlage mag hoogstens 20 MB zijn. Er is niets toegevoegd. Maak de foto of opname kleiner en probeer het nog eens."
	msgWrongType   = "Dit soort bestand kan hier niet. Je kunt foto's en afbeeldingen toevoegen (PNG, JPEG, GIF of WebP) en geluid (MP3, M4A, Ogg of WAV). Er is niets toegevoegd."
	msgNoFile      = "Kies eerst een bestand om toe te voegen."
	maxUploadLabel = "20 MB"
)

// attachItem is one attachment of a page.
type attachItem struct {
	Name     string
	URL      string
	Markdown string // what to paste in the page to show it
	Kind     string // "afbeelding", "geluid" or "bestand"
	Size     string // "1,2 MB"
	ID       string // anchor on the attachments page
	Image    bool
	Audio    bool
}

// attachmentsData is what the "attachments" partial (templates/_attachments.html) needs: the
// page's attachments and the upload form. The page view fills it with s.attachmentsFor.
type attachmentsData struct {
	PageURL string
	Items   []attachItem
	CSRF    string
	CanAdd  bool // the reader may add files (a lezer sees the list only)
	Accept  string
	Max     string
}

type attachView struct {
	Base
	PageTitle   string
	URL         string
	Attachments attachmentsData
}

// attachments shows a page's attachments and the upload form; after an upload it says how
// to put the new file in the text.
func (s *Server) attachments(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := lookRef(c)
	if err != nil {
		return err
	}
	title, err := s.attachPageTitle(ref)
	if err != nil {
		return err
	}
	data, err := s.attachmentsFor(c, ref)
	if err != nil {
		return err
	}
	v := attachView{Base: s.base(c, "Bijlagen bij "+title), PageTitle: title, URL: ref.URL(), Attachments: data}
	if c.Query("toegevoegd") == "1" {
		v.Notice = "Je bestand is toegevoegd. Kopieer de Markdown die erbij staat en plak die in de tekst van de pagina, op de plek waar het moet komen."
	}
	return s.render(c, "attach", v)
}

// attachmentsFor lists ref's attachments (media/<slug>/) for the partial.
func (s *Server) attachmentsFor(c *fiber.Ctx, ref wiki.Ref) (attachmentsData, error) {
	d := attachmentsData{PageURL: ref.URL(), Accept: attachAccept, Max: maxUploadLabel}
	d.CSRF, _ = c.Locals("csrf").(string)
	d.CanAdd = s.mayWrite(ref, nil) == nil
	entries, err := s.ws.Store.List(ref.MediaDir(), "")
	if err != nil {
		return d, fmt.Errorf("web: attachments of %s: %w", ref, err)
	}
	for _, e := range entries {
		name := path.Base(e.Path)
		it := attachItem{Name: name, URL: "/media/" + string(ref.Slug) + "/" + url.PathEscape(name),
			Size: dutchSize(e.Size), ID: "bijlage-" + strings.Join(strings.Fields(name), "-"), Kind: "bestand"}
		ext := strings.ToLower(path.Ext(name))
		for _, t := range []mediaType{typePNG, typeJPEG, typeGIF, typeWebP, typeMP3, typeM4A, typeOgg, typeWAV} {
			if ext == t.Ext || slices.Contains(t.Also, ext) {
				it.Audio, it.Image = t.Audio, !t.Audio
			}
		}
		switch {
		case it.Image:
			it.Kind = "afbeelding"
			it.Markdown = "![beschrijving](" + it.URL + ")"
		case it.Audio:
			it.Kind = "geluid"
			it.Markdown = "![beschrijving](" + it.URL + ")"
		default:
			it.Markdown = "[" + name + "](" + it.URL + ")"
		}
		d.Items = append(d.Items, it)
	}
	return d, nil
}

// attach stores an uploaded image or sound file with the page: checked by content, at most
// workspace.MaxAttachment bytes, one commit. Then it shows the attachments page, where the
// Markdown to embed the file is ready to copy.
func (s *Server) attach(c *fiber.Ctx) error {
	s = s.as(c)
	ref, err := lookRef(c)
	if err != nil {
		return err
	}
	if _, err := s.attachPageTitle(ref); err != nil {
		return err
	}
	if err := s.mayWrite(ref, nil); err != nil {
		return err
	}
	fh, err := c.FormFile("bestand")
	if err != nil || fh.Size == 0 {
		return &Error{Status: fiber.StatusBadRequest, Code: "no-file", Message: msgNoFile, Err: err}
	}
	if fh.Size > workspace.MaxAttachment {
		return &Error{Status: fiber.StatusRequestEntityTooLarge, Code: "too-large", Message: msgTooLarge}
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("web: open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, workspace.MaxAttachment+1))
	if err != nil {
		return fmt.Errorf("web: read upload: %w", err)
	}
	if len(data) > workspace.MaxAttachment {
		return &Error{Status: fiber.StatusRequestEntityTooLarge, Code: "too-large", Message: msgTooLarge}
	}
	t, ok := sniffMedia(data)
	if !ok {
		return &Error{Status: fiber.StatusUnsupportedMediaType, Code: "wrong-type", Message: msgWrongType}
	}
	p, _, err := s.ws.Store.Attach(ref.MediaDir(), attachName(fh.Filename, t), data, s.author(c), "")
	if err != nil {
		return fmt.Errorf("web: attach to %s: %w", ref, err)
	}
	return c.Redirect(ref.URL()+"/bijlagen?toegevoegd=1#bijlage-"+path.Base(p), fiber.StatusSeeOther)
}

// attachName is the uploaded name made safe, with an extension that matches the content:
// the Markdown renderer and browsers go by the extension.
func attachName(uploaded string, t mediaType) string {
	name := store.SafeFileName(uploaded)
	stem, ext := strings.TrimSuffix(name, path.Ext(name)), strings.ToLower(path.Ext(name))
	if stem == "" || strings.HasPrefix(stem, ".") {
		stem = "bijlage"
	}
	if ext != t.Ext && !slices.Contains(t.Also, ext) {
		ext = t.Ext
	}
	return stem + ext
}

// attachPageTitle is the title of the page attachments belong to; a page that does not exist
// gets none, and neither does a page the reader may not read.
func (s *Server) attachPageTitle(ref wiki.Ref) (string, error) {
	missing := &Error{Status: fiber.StatusNotFound, Code: "not-found",
		Message: "Deze pagina bestaat (nog) niet. Maak eerst de pagina; daarna kun je er bestanden aan toevoegen."}
	s.syncLinks()
	if !s.canRead(ref) {
		return "", missing
	}
	f, err := s.ws.Store.Read(ref.Path(), "")
	if errors.Is(err, store.ErrNotFound) {
		return "", missing
	}
	if err != nil {
		return "", fmt.Errorf("web: read %s: %w", ref, err)
	}
	if p, _ := workspace.Parse(ref.Path(), f.Content); p != nil && p.Title() != "" {
		return p.Title(), nil
	}
	return string(ref.Slug), nil
}

// dutchSize writes a file size the Dutch way: "340 kB", "1,2 MB".
func dutchSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d kB", (n+500)/1000)
	}
	mb := fmt.Sprintf("%.1f MB", float64(n)/1e6)
	return strings.Replace(mb, ".", ",", 1)
}
