package web

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/leefwereld/leefwereld/internal/access"
	"github.com/leefwereld/leefwereld/internal/store"
	"github.com/leefwereld/leefwereld/internal/wiki"
)

// mediaType is an attachment type we accept and serve inline.
type mediaType struct {
	MIME  string
	Ext   string   // the extension a stored file gets
	Also  []string // other extensions that name the same type and may be kept
	Audio bool
}

var (
	typePNG  = mediaType{MIME: "image/png", Ext: ".png"}
	typeJPEG = mediaType{MIME: "image/jpeg", Ext: ".jpg", Also: []string{".jpeg"}}
	typeGIF  = mediaType{MIME: "image/gif", Ext: ".gif"}
	typeWebP = mediaType{MIME: "image/webp", Ext: ".webp"}
	typeMP3  = mediaType{MIME: "audio/mpeg", Ext: ".mp3", Audio: true}
	typeM4A  = mediaType{MIME: "audio/mp4", Ext: ".m4a", Audio: true}
	typeOgg  = mediaType{MIME: "audio/ogg", Ext: ".ogg", Also: []string{".oga", ".opus"}, Audio: true}
	typeWAV  = mediaType{MIME: "audio/wav", Ext: ".wav", Audio: true}
)

// sniffMedia says what a file is by its content, never by its name or the type a browser
// claimed: http.DetectContentType for the images, WAV, ID3-tagged MP3 and Ogg, and our own
// checks for what it misses (MP3 without a tag, M4A, Ogg that holds sound rather than video).
// ok is false for anything else; such a file is refused on upload and served as a download.
func sniffMedia(data []byte) (mediaType, bool) {
	switch http.DetectContentType(data) {
	case "image/png":
		return typePNG, true
	case "image/jpeg":
		return typeJPEG, true
	case "image/gif":
		return typeGIF, true
	case "image/webp":
		return typeWebP, true
	case "audio/mpeg":
		return typeMP3, true
	case "audio/wave":
		return typeWAV, true
	case "application/ogg":
		if isOggAudio(data) {
			return typeOgg, true
		}
	case "video/mp4":
		if isMP4Audio(data) {
			return typeM4A, true
		}
	case "application/octet-stream":
		if isMP3Frames(data) {
			return typeMP3, true
		}
	}
	return mediaType{}, false
}

// isOggAudio: the first Ogg page starts a Vorbis, Opus or FLAC stream (not Theora video).
func isOggAudio(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte("\x01vorbis")) || bytes.Contains(head, []byte("OpusHead")) ||
		bytes.Contains(head, []byte("\x7fFLAC"))
}

// isMP4Audio: an MP4 container that is sound only. The ftyp brands M4A/M4B say so; for the
// generic brands we look at the track handlers: a sound track and no video track.
func isMP4Audio(data []byte) bool {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(data[0:4]))
	if size < 16 || size > len(data) {
		size = min(len(data), 64)
	}
	for i := 8; i+4 <= size; i += 4 {
		if i == 12 {
			continue // minor version, not a brand
		}
		switch string(data[i : i+4]) {
		case "M4A ", "M4B ", "M4P ", "F4A ", "F4B ":
			return true
		}
	}
	// hdlr box: size, "hdlr", version and flags (4), pre_defined (4), handler type (4).
	sound, video := false, false
	for rest := data; ; {
		i := bytes.Index(rest, []byte("hdlr"))
		if i < 0 || i+16 > len(rest) {
			break
		}
		switch string(rest[i+12 : i+16]) {
		case "soun":
			sound = true
		case "vide":
			video = true
		}
		rest = rest[i+4:]
	}
	return sound && !video
}

// isMP3Frames: the file starts with an MPEG audio layer III frame, and a second frame header
// follows where the first says it ends (or the file ends there).
func isMP3Frames(data []byte) bool {
	n, ok := mp3FrameLen(data)
	if !ok {
		return false
	}
	if n == len(data) {
		return true
	}
	_, ok = mp3FrameLen(data[min(n, len(data)):])
	return ok
}

var (
	mp3Bitrates1 = [16]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}
	mp3Bitrates2 = [16]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}
	mp3Rates     = [4][3]int{{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}} // by version bits
)

// mp3FrameLen reads a layer III frame header and returns the frame's length in bytes.
func mp3FrameLen(h []byte) (int, bool) {
	if len(h) < 4 || h[0] != 0xFF || h[1]&0xE0 != 0xE0 {
		return 0, false
	}
	version := (h[1] >> 3) & 3 // 0: MPEG 2.5, 1: reserved, 2: MPEG 2, 3: MPEG 1
	layer := (h[1] >> 1) & 3   // 1: layer III
	bi, ri, pad := h[2]>>4, (h[2]>>2)&3, int(h[2]>>1)&1
	if version == 1 || layer != 1 || bi == 0 || bi == 15 || ri == 3 {
		return 0, false
	}
	rate := mp3Rates[version][ri]
	if version == 3 {
		return 144*mp3Bitrates1[bi]*1000/rate + pad, true
	}
	return 72*mp3Bitrates2[bi]*1000/rate + pad, true
}

// mediaFile reads and checks the :slug and :file of a media URL. The file name is
// percent-decoded once and must then be one plain name: no slash, backslash, NUL, leading dot
// or "..", so "..%2F..%2Fportraits%2Fsam.md" is simply a name that does not exist.
func mediaFile(c *fiber.Ctx) (dir, name string, ok bool) {
	slug, err := wiki.ParseSlug(c.Params("slug"))
	if err != nil {
		return "", "", false
	}
	name, err = url.PathUnescape(c.Params("file"))
	if err != nil || name == "" || len(name) > 255 || strings.HasPrefix(name, ".") ||
		strings.ContainsAny(name, "/\\\x00") || strings.Contains(name, "..") {
		return "", "", false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "", "", false
		}
	}
	return "media/" + string(slug), name, true
}

// media serves an attachment. The type comes from the content (as on upload), with nosniff,
// so a file can never turn into a page that runs script; anything that is not an accepted
// image or sound is offered as a download. The blob hash is a strong ETag.
//
// Attachments follow their page: media/<slug>/ belongs to every page with that slug (a theme
// and a portrait may share one), so the reader must be allowed to read each of them; a folder
// without any page is nobody's and closed. A file the reader may not see answers as one that
// does not exist.
func (s *Server) media(c *fiber.Ctx) error {
	s = s.as(c)
	notFound := &Error{Status: fiber.StatusNotFound, Code: "not-found",
		Message: "Deze bijlage bestaat niet (meer). Kijk op de pagina welke bijlagen er zijn."}
	dir, name, ok := mediaFile(c)
	if !ok {
		return notFound
	}
	s.syncLinks()
	owners, readable := s.mediaOwners(wiki.Slug(c.Params("slug")))
	if !readable {
		return notFound
	}
	entries, err := s.ws.Store.List(dir, "")
	if err != nil {
		return err
	}
	blob := ""
	for _, e := range entries {
		if e.Path == dir+"/"+name {
			blob = e.Blob
		}
	}
	if blob == "" {
		return notFound
	}
	etag := `"` + blob + `"`
	h := &c.Response().Header
	h.Set(fiber.HeaderETag, etag)
	h.Set(fiber.HeaderCacheControl, "private, no-cache")
	for _, o := range owners {
		if o != wiki.Theme { // a pupil's photo or voice: no copy in any cache
			h.Set(fiber.HeaderCacheControl, "no-store")
		}
		if logged(o) {
			if err := s.recordPath(c, dir+"/"+name, viewMedia); err != nil {
				return err
			}
			break
		}
	}
	h.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && etagMatches(inm, etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	data, err := s.ws.Store.ReadBlob(blob)
	if err != nil {
		return err
	}
	disposition := "attachment"
	mime := "application/octet-stream"
	if t, ok := sniffMedia(data); ok {
		disposition, mime = "inline", t.MIME
	}
	h.Set(fiber.HeaderContentType, mime)
	h.Set(fiber.HeaderContentDisposition, contentDisposition(disposition, name))
	h.Set(fiber.HeaderAcceptRanges, "bytes")
	if r := c.Get(fiber.HeaderRange); r != "" {
		start, end, ok := parseRange(r, len(data))
		if !ok {
			h.Set(fiber.HeaderContentRange, "bytes */"+strconv.Itoa(len(data)))
			return c.SendStatus(fiber.StatusRequestedRangeNotSatisfiable)
		}
		if start >= 0 {
			h.Set(fiber.HeaderContentRange, "bytes "+strconv.Itoa(start)+"-"+strconv.Itoa(end-1)+"/"+strconv.Itoa(len(data)))
			return c.Status(fiber.StatusPartialContent).Send(data[start:end])
		}
	}
	return c.Send(data)
}

// etagMatches reports whether an If-None-Match header names etag (or is "*").
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// contentDisposition names the file safely: an ASCII fallback that needs no escaping, and the
// exact name in RFC 5987 form when it differs.
func contentDisposition(kind, name string) string {
	safe := store.SafeFileName(name)
	v := kind + `; filename="` + safe + `"`
	if safe != name {
		v += "; filename*=UTF-8''" + url.PathEscape(name)
	}
	return v
}

// parseRange reads a single byte range ("bytes=0-99", "bytes=100-", "bytes=-500") so audio
// can be seeked. It returns start -1 (and ok) for what it does not handle, such as several
// ranges: the whole file is then sent. ok is false for a range outside the file.
func parseRange(h string, size int) (start, end int, ok bool) {
	spec, found := strings.CutPrefix(h, "bytes=")
	if !found || strings.Contains(spec, ",") {
		return -1, 0, true
	}
	a, b, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return -1, 0, true
	}
	switch {
	case a == "":
		n, err := strconv.Atoi(b)
		if err != nil || n <= 0 {
			return -1, 0, true
		}
		if size == 0 {
			return 0, 0, false
		}
		return max(0, size-n), size, true
	default:
		s, err := strconv.Atoi(a)
		if err != nil || s < 0 {
			return -1, 0, true
		}
		if s >= size {
			return 0, 0, false
		}
		e := size - 1
		if b != "" {
			if e, err = strconv.Atoi(b); err != nil || e < s {
				return -1, 0, true
			}
			e = min(e, size-1)
		}
		return s, e + 1, true
	}
}

// mediaOwners lists the kinds of the pages that own media/<slug>/ (that exist or existed),
// and whether the reader may read every one of them.
func (s *Server) mediaOwners(slug wiki.Slug) (kinds []wiki.Kind, readable bool) {
	for _, k := range wiki.Kinds {
		ref := wiki.Ref{Kind: k, Slug: slug}
		res, ok := s.pageResource(ref)
		if !ok {
			continue
		}
		if !s.rd.may(access.Read, res) {
			return nil, false
		}
		kinds = append(kinds, k)
	}
	return kinds, len(kinds) > 0
}
