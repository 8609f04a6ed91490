package web

import (
	"fmt"
	"sync"

	"github.com/leefwereld/leefwereld/internal/wiki"
	"github.com/leefwereld/leefwereld/portraits"
	"github.com/leefwereld/leefwereld/teams"
)

// interviewView is the list of interview questions beside a portrait's editor: the variant
// that fits the portrait's subject first, the other one folded away under it.
type interviewView struct {
	Main, Other interviewVariant
}

// interviewVariant is every question in one wording (for a pupil, or for a parent).
type interviewVariant struct {
	Key       string // jongere | ouder
	Label     string // "met een leerling"
	FirstTalk []string
	Topics    []interviewTopic
	Domains   []interviewDomain // "het hele plaatje": one question per life domain
}

type interviewTopic struct {
	Key, Title, About string
	Questions         []string
}

type interviewDomain struct {
	Label, Question string
}

func newInterviewVariant(v portraits.Variant) interviewVariant {
	iv := interviewVariant{Key: string(v), Label: v.Label()}
	for _, q := range portraits.FirstTalk {
		iv.FirstTalk = append(iv.FirstTalk, q.For(v))
	}
	for _, t := range portraits.Topics {
		it := interviewTopic{Key: t.Key, Title: t.Title, About: t.About}
		for _, q := range t.Questions {
			it.Questions = append(it.Questions, q.For(v))
		}
		iv.Topics = append(iv.Topics, it)
	}
	for _, d := range portraits.Domains {
		iv.Domains = append(iv.Domains, interviewDomain{Label: d.Label, Question: d.Question.For(v)})
	}
	return iv
}

// extendPrompts adds what a kind's template cannot hold: the interview questions for a portrait
// (for a pupil first; promptsForSubject turns them round for a parent), and for a team the
// smaller questions under each of the six spelregels.
func extendPrompts(k wiki.Kind, p *kindPrompts) {
	switch k {
	case wiki.Portrait:
		p.Interview = &interviewView{Main: newInterviewVariant(portraits.ForPupil), Other: newInterviewVariant(portraits.ForParent)}
	case wiki.Team:
		for i := range p.Sections {
			sec := &p.Sections[i]
			for _, pr := range teams.Prompts {
				if sec.Heading == fmt.Sprintf("%d. %s", pr.Number, pr.Title) {
					sec.Items = append(sec.Items, pr.Asks...)
				}
			}
		}
	}
}

// portraitPrompts are a portrait's prompts with the interview questions, one set per variant
// that comes first; built once, shared and read only.
var portraitPrompts = sync.OnceValue(func() map[portraits.Variant]*kindPrompts {
	out := map[portraits.Variant]*kindPrompts{}
	for _, v := range []portraits.Variant{portraits.ForPupil, portraits.ForParent} {
		p := *promptsFor(wiki.Portrait) // the template's questions stay shared
		p.Interview = &interviewView{Main: newInterviewVariant(v), Other: newInterviewVariant(v.Other())}
		out[v] = &p
	}
	return out
})

// promptsForSubject picks the prompts whose interview questions fit whose portrait it is.
func promptsForSubject(s portraits.Subject) *kindPrompts {
	return portraitPrompts()[portraits.VariantFor(s)]
}
