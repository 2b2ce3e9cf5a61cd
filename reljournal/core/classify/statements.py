"""An entry's notes cut into statements, each attributed to a speaker.

The customer's view comes from the customer's own words: answers to the ask-them
questions, words quoted in the notes ("..." or an email quoted with ``>``) and their
lines in a pasted transcript ("Name: ..."). Everything else in the notes is the rep's
own writing - what the rep saw, did or offered - which counts only as weak evidence
of what the customer wants; the rep's lines in a transcript ("Me: ...") and the words
of colleagues (the internal team and partners in the stakeholder list) are the rep's
side too.

Notes come in many shapes, and each says who is speaking in its own way:

- a machine transcript puts a time before each speaker ("[00:01:12] Name: ...");
- a pasted email has headers ("From: Name", "Sent:", "Subject:") and a signature: the
  body belongs to whoever the ``From:`` line names, until the next message starts
  ("-----Original Message-----", "On ... wrote:" or another ``From:``), and the sign-off
  ("Regards, ...") ends what they wrote; an email pasted without headers into an email
  entry the customer started, opening with a greeting ("Hi, ..."), is theirs;
- the rep's dictated memos and shorthand report what the customer said without quotation
  marks ("ed says he wants me out every month", "she told me ..."): a customer's name or
  he/she/they, then a reporting verb; the rest of that sentence is the customer's, as
  reported by the rep (``KIND_REPORTED``, weaker than their own words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

SPEAKER_CUSTOMER: Final = "customer"
SPEAKER_REP: Final = "rep"

# How the statement is written down.
KIND_QUOTE: Final = "quote"  # "..." or a quoted email line (> ...)
KIND_TURN: Final = "turn"  # a customer's line in a pasted transcript
KIND_NOTE: Final = "note"  # the rep's own prose
KIND_REPORTED: Final = "reported"  # the rep reporting the customer's words ("she says ...")
KIND_EMAIL: Final = "email"  # the body of an email the customer wrote, pasted in

# A person's name as notes write it: one to three capitalised words.
# A capital, Latin (with accents: "Ōtsuki", "Šťastná") or Cyrillic.
_CAP: Final = r"[A-ZÀ-ÖØ-Þ\u0100-\u017f\u0400-\u042f]"
_NAME: Final = rf"{_CAP}[\w.'’-]*(?:[ \t]+{_CAP}[\w.'’-]*){{0,2}}"
# "Name: text" at the start of a line (or a transcript's "Speaker 2:"); the name may be
# followed by a note or a chat's time: "Name (Ops):", "Name [10:15]:".
_TURN: Final = re.compile(
    r"^[ \t]*(?P<name>(?:Speaker|SPEAKER|speaker)[ \t]+[A-Z0-9]{1,2}\b|"
    # a meeting tool's "Surname, Firstname:" ("Brockhagen-Sauer, Ulrike:")
    r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?,[ \t]*[A-Z][\w'’-]*(?=[ \t]*(?:\([^)\n]{0,30}\))?[ \t]*:)|"
    rf"{_NAME})[ \t]*"
    r"(?:\([^)\n]{0,30}\)|\[[^\]\n]{0,30}\])?[ \t]*:[ \t]*(?P<text>.*)$"
)
# Labels a rep writes in notes that look like a speaker but are not one.
_LABELS: Final = frozenset(
    "note notes re fw fwd subject update next next steps action actions todo to do ps nb "
    "summary outcome result agenda follow up followup follow-up attendees present date "
    "time location where when who what why how q a answer question status decision "
    "context background issue issues risk risks price prices pricing quote order po "
    "call meeting email visit spec tl dr tldr fyi edit also important "
    # What the rep pasted, and from where: "Handover: ...", "Pasted: ..."
    "handover pasted forwarded copied excerpt snippet memo "
    # The headings of account plans, CRM records, minutes and meeting summaries.
    "plan plans situation goals goal objective objectives strategy opportunity opportunities "
    "competition competitors competitor budget timeline timing history overview comments "
    "comment activity type task tasks due stage keywords outline minutes items item "
    "apologies purpose discussion highlights recap takeaways takeaway concerns blockers "
    "sentiment health forecast renewal products product requirements needs challenges wins "
    "insights observations priorities priority solution scope milestones learnings mood "
    "decisions agreed agreement ask asks approach tactics target targets amount close "
    "description probability value source lead interest interests quantity qty deadline "
    "territory region segment industry account company contact address phone website badge "
    "reason reasons churn loss win feedback verdict "
    # The rep's own asides: "Homework: ...", "My read: ...", "Different tune: '...'"
    "homework prep preparation research thoughts idea ideas hunch guess impression impressions "
    "gut vibe reminder reminders caveat aside different same came "
    # The fields of helpdesk tickets and cases.
    "state caller category impact urgency ticket case assignee assigned channel csat "
    "resolution sla severity incident requester".split()
)
# Headings of more than one word whose first word may also be a speaker ("Customer:").
_HEADINGS: Final = frozenset(
    {
        "customer goals",
        "customer needs",
        "customer objectives",
        "customer feedback",
        "action items",
        "action item",
        "key points",
        "pain points",
        "key takeaways",
        "key contacts",
        "key risks",
        "close date",
        "activity type",
        "next step",
        "call summary",
        "meeting summary",
        "account plan",
        "decision criteria",
        "decision process",
        "buying process",
        "success criteria",
        "open questions",
        "their goals",
        "our plan",
        "win themes",
    }
)
_REP_NAMES: Final = frozenset({"me", "rep", "i", "myself", "us", "we", "our side", "sales"})
# What the customer's website, brochure or profile says, quoted: 'Their website says
# "family values, long-term clients"' - marketing copy, not someone's answer.
_PUBLISHED: Final = re.compile(
    r"\b(?:website|web\s+site|web\s+page|homepage|home\s+page|brochure|linkedin(?:\s+page)?|"
    r"profile|advert|ad|tagline|slogan|strapline|mission\s+statement|about\s+page|sign|banner|"
    r"van|vans|livery|catalogue)\s+(?:says|said|reads|read|claims|promises|boasts|proclaims)"
    r"\s*[:,]?\s*$",
    re.IGNORECASE,
)
# A quotation the rep attributes to themselves: "I said "..."", "I told her "...".
_SELF_QUOTE: Final = re.compile(
    r"\b(?:i|we)\s+(?:said|told|wrote|asked|replied|answered|offered|suggested|explained)"
    r"(?:\s+\w+){0,2}\s*[:,]?\s*$",
    re.IGNORECASE,
)
# 'Single quotes' and ‘curly ones’ (British usage): what is inside, where an apostrophe
# inside a word ("don't") stays; closed before a space, a stop or the end.
_SINGLE: Final = r"((?:[^'’‘\n]|(?<=\w)['’](?=\w)){MIN})['’](?=[\s.,;:!?)]|$)"
_QUOTE: Final = re.compile(
    # not opened right after a letter or digit: 'the 10" boards' is an inch mark
    r"(?<!\w)\"([^\"\n]{2,})\"|“([^”\n]{2,})”"
    # opened after a space, a colon or a bracket
    r"|(?:^|(?<=[\s:(]))['‘]"
    + _SINGLE.replace("{MIN}", "{2,}?")
    # dictated: 'he said quote no I want a spreadsheet unquote'
    + r"|\b(?:open\s+)?quote[\s,:]+((?:(?!\bquote\b)[^\n]){2,400}?)[\s,]*"
    r"\b(?:unquote|end\s+quote|close\s+quote|end\s+of\s+quote)\b"
    # « as French, Russian and Swiss writers quote », their spaces left out (a quotation
    # ends at the next «, so that a note of « never closed is read in one pass)
    r"|«[ \t\u00a0\u202f]*([^«»\n]{2,}?)[ \t\u00a0\u202f]*»"
    # „ as Polish, German and Czech writers quote ” (or “), ended at the next „ likewise
    r"|„([^„“”\n]{2,}?)[“”]"
)
# A quoted phrase used as a noun ('the "long-term partnership" bit is made up'): a
# determiner right before it, and no sentence inside it.
_MENTIONED: Final = re.compile(
    r"\b(?:the|a|an|this|that|these|those|their|his|her|your|our|its)[ \t]*$", re.IGNORECASE
)
_SAID_END: Final = re.compile(r"[.!?,;]")
# Words that introduce what someone said: "she said 'we ...'", "Neil: '...'".
_SAYS_BEFORE: Final = re.compile(
    r"(?:\b(?:said|says|say|saying|told \w+|tells \w+|asked|asks|replied|wrote|added|"
    r"texted|put it|in (?:his|her|their) words)|:)[ \t,]*$",
    re.IGNORECASE,
)
# A line's text that opens with a quotation: 'Rupert: "Please send ..." Nothing else.'
_OPENING_QUOTE: Final = re.compile(
    r"^[ \t]*(?:\"([^\"\n]*)\"|“([^”\n]*)”|['‘]" + _SINGLE.replace("{MIN}", "*") + ")"
)
# 'Oliver: "..."' inside a line, after another speaker's quotation.
_INLINE_TURN: Final = re.compile(
    rf"^(?P<name>{_NAME})[ \t]*(?:\([^)\n]{{0,30}}\))?"
    r"[ \t]*:[ \t]*(?P<text>[\"“'‘].*)$"
)
# The speaker named right before a quotation in prose: 'Asked where it stands. Aisling: "..."'.
_NAMED_BEFORE: Final = re.compile(
    rf"(?:^|(?<=[.!?;,]\s)|(?<=\s))(?P<name>{_NAME})"
    r"[ \t]*(?:\([^)\n]{0,30}\))?"
    # "Shirley, for herself:", "Jordan, talking for himself:", "Nadia, one sentence near the end:"
    r"(?:,[ \t]+(?:[a-z][\w'’-]*[ \t]+){0,4}[a-z][\w'’-]*"
    r"|[ \t]+(?:[a-z][\w'’-]*[ \t]+){0,3}[a-z][\w'’-]*)?[ \t]*:[ \t]*$"
)
# A time before a transcript line: "[00:01:12]", "(12:03)", "00:01:12 -".
_TIMESTAMP: Final = re.compile(
    r"^[ \t]*[\[(]?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?"
    r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[.,]\d+)?(?:[ \t]?[AaPp][Mm])?[\])]?[ \t]*(?:[-–—][ \t]*)?",
    re.IGNORECASE,
)
# A chat's message header on a line of its own, its text on the lines below: Slack's
# "Jonah Feld  3:31 PM", Teams' "[11:20] Aisling Grady" or "Aisling Grady, 11:20".
_CHAT_TIME: Final = (
    # "3:14 PM", "[11:20]", or with its date: "[4/3/2025 8:02 AM]" (a phone's export)
    r"[\[(]?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?[ \t]+)?"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?[\])]?"
)
_CHAT_HEAD: Final = re.compile(
    rf"^[ \t]*(?:(?P<before>{_CHAT_TIME})[ \t]+)?"
    r"(?P<name>[A-Za-z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}"
    # a meeting tool's "Quigley-Hart, Rasmus  02:10"
    r"(?:,[ \t]*[A-Z][\w.'’-]*(?=[ \t]+[\[(]?\d))?)[ \t]*(?:[,–—-][ \t]*)?"
    rf"(?P<after>{_CHAT_TIME})?[ \t]*$"
)
# Notes written as questions and answers: "Q: how often? A: every month".
_QA_Q: Final = re.compile(r"^[ \t]*Q\d{0,2}[ \t]*[:.)][ \t]*(?P<text>.*)$")
_QA_A: Final = re.compile(r"^[ \t]*A\d{0,2}[ \t]*[:.)][ \t]*(?P<text>.*)$")
# Who a transcript's numbered speaker is: "S1 = me", "Speaker 2 = Priya (ops director)",
# "Speaker A is Dolores".
_SPEAKER_MAP: Final = re.compile(
    r"(?:^|[\s,;(])(?P<label>(?i:speaker[ \t]?[a-z0-9]{1,2}|s[0-9]{1,2}))[ \t]*"
    r"(?:=|(?i:is|was)\b|–|—|-)[ \t]*"
    rf"(?P<who>(?i:me|myself|i|us)\b|{_NAME})"
)
# "A = Anilkumar, B = Bindu, R = me": a transcript's speakers keyed by letters.
_LETTER_MAP: Final = re.compile(
    r"(?:^|[\s,;(.:])(?P<label>[A-Z]{1,3})[ \t]*=[ \t]*"
    rf"(?P<who>(?i:me|myself|i|us)\b|{_NAME})"
)
_ME: Final = frozenset({"me", "myself", "i", "us"})
# A lower-case "name: text" line (shorthand); only a known customer name counts.
_LOWER_TURN: Final = re.compile(
    r"^[ \t]*(?P<name>[a-z][\w.'’-]*(?: [a-z][\w.'’-]*)?)[ \t]*:[ \t]*(?P<text>.+)$"
)
# Email headers.
_FROM: Final = re.compile(r"^[ \t]*(?:from|von|de|van)[ \t]*:[ \t]*(?P<who>.*)$", re.IGNORECASE)
_HEADER: Final = re.compile(
    r"^[ \t]*(?:sent|to|cc|bcc|date|subject|importance|attachments?|gesendet|an|betreff)"
    r"[ \t]*:",
    re.IGNORECASE,
)
_NEW_MESSAGE: Final = re.compile(
    r"^[ \t>]*(?:-{2,}[ \t]*(?:original message|forwarded message)[ \t]*-{2,}"
    r"|on\b.{0,80}\bwrote:?[ \t]*$|begin forwarded message)",
    re.IGNORECASE,
)
_WROTE: Final = re.compile(
    r"^[ \t>]*on\b.{0,80}?(?P<who>[\w.'’-]+)[ \t]+wrote:?[ \t]*$", re.IGNORECASE
)
_SIGN_OFF: Final = re.compile(
    r"^[ \t]*(?:--+|(?:kind(?:est)?|best|warm(?:est)?|many|with best|with kind|all the)?[ \t]*"
    r"(?:regards|thanks|thank you|best|cheers|sincerely|wishes|yours|ta|rgds|br|mfg|"
    r"mit freundlichen grü(?:ß|ss)en|viele grü(?:ß|ss)e|freundliche grü(?:ß|ss)e|"
    r"beste grü(?:ß|ss)e|liebe grü(?:ß|ss)e|lg|vg|saludos|üdvözlettel|pozdrav|s pozdravom|"
    r"cu stimă|cu stima|pagarbiai|lugupidamisega|hälsningar|hilsen|"
    # other languages' sign-offs, and the phone's own line
    r"(?:un |un cordial |cordiales |muchos )?saludos?|atentamente|cordialmente|"
    r"(?:melhores |os meus )?cumprimentos|atenciosamente|abraços?|"
    r"(?:bien )?cordialement|bien à vous|salutations(?: distinguées)?|amitiés|"
    r"(?:cordiali|distinti|cari) saluti|saluti|un caro saluto|"
    r"met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groet(?:en|jes)?|"
    r"s pozdravem|s přáním|s úctou|pozdrawiam|z poważaniem|"
    r"med vänlig hälsning|vänliga hälsningar|mvh|venlig hilsen|med venlig hilsen|"
    r"ystävällisin terveisin|saygılarımla|ngā mihi|nga mihi|cảm ơn|bendiciones|shukran|"
    r"arigatou|arigato|terima kasih|salamat|asante|dhanyavaad|"
    r"sent from my|get outlook for|envoyé de mon|enviado desde mi|inviato da)\b[^.!?\n]{0,30})"
    r"[ \t]*$",
    re.IGNORECASE,
)
_GREETING: Final = re.compile(
    r"^[ \t]*(?:hi|hii|hiya|hello|helo|hey|heya|yo|dear|good (?:morning|afternoon|evening|day)|morning|hallo|"
    r"guten tag|namaste|g'day|greetings|to whom it may concern|"
    # other languages' greetings: "Vážený pane Dvořáku,", "Exmos. Senhores,", "Madame, Monsieur,"
    r"(?:sehr )?geehrte[rs]?|liebe[rs]?|moin|servus|"
    r"bonjour|bonsoir|madame|monsieur|messieurs|chère?s?|"
    r"gentil[ei]|egregi[oa]|spettabile|buongiorno|buonasera|ciao|car[oa]|"
    r"geachte|beste|goedemorgen|goedemiddag|"
    r"estimad[oa]s?|hola|buen(?:os|as) (?:días|dias|tardes)|"
    r"exm[oa]s?\.?|prezad[oa]s?|olá|ola|bom dia|boa tarde|"
    r"vážen[ýáí]|dobrý den|szanown[yai]|dzień dobry|"
    r"hej|hei|kære|bästa|hyvä|sayın|merhaba|marhaba|salam|assalamu alaikum|ahlan|shalom|"
    r"kia ora|xin chào|chào|kedves|dag|grüezi|grüß gott|hoi|moi|ahoj|zdravo|witam|bună ziua|"
    r"buna ziua|labas|tere|sveiki|god dag|goddag|hallå|konnichiwa|annyeong(?:haseyo)?|ni hao|sawasdee|"
    r"selamat (?:pagi|siang|sore)|kumusta|jambo|habari|vanakkam|namaskar)\b(?:[^.!?\n]|\.(?=[ \t]*[^\W\d_]))"
    # "Dear Tom," or a greeting alone on its line ("hiya", "Hello Tom")
    r"{0,40}(?:[,!:]|[ \t]*$)",
    re.IGNORECASE,
)
# A legal or virus-scan footer: nobody's view ("This message is confidential.").
_DISCLAIMER: Final = re.compile(
    r"\b(?:(?:this|the|ce|questo|il presente|diese|este|esta|deze|dit|tato|ta)\s+"
    r"(?:e-?mail|message|messaggio|nachricht|e-?mail-?nachricht|mensaje|mensagem|correo|"
    r"bericht|zpráva|wiadomość)\b.{0,80}\b(?:confidential|confidentiel|confidentiels|"
    r"riservat[eio]|vertraulich|confidencial|důvěrn[áé]|poufn[ay]|privileged|intended)"
    r"|scanned for viruses|virus[- ]free|before printing|disclaimer\s*:)",
    re.IGNORECASE,
)
# "Dave replied:", "Fiona emailed out of the blue:", "Sophie (new buyer) wrote:".
_INTRO: Final = re.compile(
    r"^(?P<who>.{1,60}?)\s+(?:replied|wrote|emailed|answered|responded|added|texted|messaged|"
    r"said|writes|replies)\b[^:\n]{0,40}:$",
    re.IGNORECASE,
)
# A line that introduces someone's own words pasted below it: "Helen's email, pasted:",
# "Ewan's reply to my ask-them email, pasted:", "Her list, verbatim:" is not (no name).
_PASTED_INTRO: Final = re.compile(
    r"^(?P<who>(?-i:[A-Z])[\w-]+)['’]s\s+(?:own\s+)?(?:email|e-mail|reply|answer|answers|"
    r"message|note|notes|list|response|text|mail|bullet\s+points|points)\b[^:\n]{0,60}:$",
    re.IGNORECASE,
)
_PASTED_BULLET: Final = re.compile(r"(?:[-–•*·]|\d{1,2}[.)])\s+")
# A line that introduces a form the customer filled in, pasted below it: "Renata sent
# back our supplier questionnaire, their answers pasted as-is:", "Web form submission:",
# "Onboarding Q's, answered by Prof Haas:", "Account opening form (Agathe, 3 shops):".
_FORM_INTRO: Final = re.compile(
    r"^(?!.*\b(?:my|our)\s+(?:questions|notes|agenda|answers)\b)(?!(?:i|we)\b)"
    r".{0,100}\b(?:form|forms|questionnaire|survey|submission|submitted|answers|answered|"
    r"responses|filled\s+(?:in|out)|completed|returned|sent\s+back|clarifications?|RFI|RFQ|"
    r"feedback)\b[^:]{0,60}:$",
    re.IGNORECASE,
)
# The rep's remark after a pasted form: "My note: ...", "Rep: ...", "NB: ...".
_REP_REMARK: Final = re.compile(
    r"^[ \t]*(?:my|our|rep|rep's|sales)\s+(?:note|take|view|comment|remark|thought|summary)s?\b|"
    r"^[ \t]*(?:rep|me|nb|note|notes|comment|internal|action|actions|next\s+steps?|"
    r"follow[ -]?up|to\s+do|todo)[ \t]*[:\-–—]",
    re.IGNORECASE,
)
# A form's field: "3.1 Preferred contact frequency: none", "Q: ...", "- Ordering: portal".
_FORM_FIELD: Final = re.compile(
    r"^[ \t]*(?:[-*•]\s*)?(?:(?:[A-Z]{0,3}\d+(?:\.\d+)*[.):]?|[A-Z]{1,3}\d*[.):])\s+|"
    r"[^:\n]{1,60}[:?]\s)"
)
# A ticked and an empty box on a form line: "[x] Email  [ ] Phone  [ ] Visits".
_EMPTY_BOX: Final = re.compile(r"\[ \]|☐")
_TICKED: Final = re.compile(r"\[[xX✓✔]\]|☒|☑")
# A line of an email that is only a name ("Graham", "Dr Emma Castellano BDS").
_NAME_LINE: Final = re.compile(r"^[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*$")
# Reported speech: "<customer name or he/she/they> says (that) ...".
_REPORTING_VERBS: Final = (
    "says|said|say|tells me|tells us|told me|told us|wants|wanted|asked for|asked me to|"
    "asked us to|asks for|asks me to|reckons|reckoned|thinks|feels|explained|mentioned|"
    "stressed|made clear|made it clear|was clear|insists|insisted|complained|prefers|"
    "likes|liked|does not want|doesn't want|doesnt want|wont|won't|is done with|"
    "stated|noted|confirmed|added|reported|reiterated|indicated|advised|commented|"
    "requested|asked that|responded|replied that|agreed that|said that|"
    "is not interested|isn't interested|isnt interested|needs|would like|want|"
    # "she wrote please take us off the review schedule" (dictated, no quotation marks)
    r"(?:wrote|writes)(?![ \t]+(?:in|to|back|on|a|an|the|up|down|me|us|him|her|them|it|this)\b)"
)
# The verb is found first, then the words before it are looked at (a pattern that tries
# every position for a name would be slow on long notes).
_REPORTED: Final = re.compile(
    rf"[ \t]+(?:(?:also|still|now|then|just|really|clearly|again)[ \t]+)?(?:{_REPORTING_VERBS})\b",
    re.IGNORECASE,
)
_WORDS_BEFORE: Final = re.compile(r"(?:[\w.,'’-]+[ \t]+){0,4}[\w.,'’-]+$")
_PRONOUNS: Final = frozenset({"he", "she", "they"})
# A sentence of the rep's notes that opens with a reporting verb, its subject left out.
_SUBJECTLESS: Final = re.compile(
    r"(?:^|(?<=[.!?;]\s)|(?<=\n))[ \t]*(?:[-•*][ \t]*)?"
    r"(?P<verb>Said|Says|Told (?:me|us)|Mentioned|Explained|Insisted|Reckons|Complained|"
    r"Made (?:it )?clear|Wants|Wanted|Asked for|Prefers|Was clear)\b"
    r"(?![ \t]+(?:I|I'd|I'll|I'm|I've|we'd|we'll|we've|we're|we|to me)\b)"
)
# The rep guessing, not reporting: "my feeling is they want ...", "I think he wants ...".
# A colleague's record of the account: "CRM field", "CRM notes".
_CRM_FIELD: Final = r"crm\s+(?:field|notes?|entry|record)"
_GUESS: Final = re.compile(
    r"\b(?:gut[ \t]+(?:says|feel|feeling|tells|reckons)|"
    r"(?:my|our)[ \t]+(?:gut|feeling|sense|hunch|guess|impression|read|bet|take|view|"
    r"instinct|money|plan|opinion)|i[ \t]+(?:(?:honestly|really|genuinely|truly|personally|still|just|"
    r"kind[ \t]+of|kinda|do)[ \t]+)?(?:think|feel|suspect|reckon|bet|guess|believe|hope|assume|"
    r"imagine|sense|expect|wonder|thought|felt|suspected|reckoned|guessed|believed|hoped|assumed|"
    r"imagined|expected|wondered)|(?:i'?d|i[ \t]+would)[ \t]+(?:say|guess|bet|imagine)|probably|"
    r"presumably|seems?|looks[ \t]+like|feels[ \t]+like|sounds[ \t]+like|"
    r"i'?m[ \t]+(?:(?:pretty|fairly|quite|so|very)[ \t]+)?(?:sure|convinced|confident|"
    r"guessing|assuming|betting|hoping)|if|whether|maybe|perhaps|might|"
    r"no[ \t]+(?:evidence|sign|indication|proof)|not[ \t]+(?:clear|sure|certain)|unclear|"
    r"(?:don'?t|do[ \t]+not)[ \t]+know|no[ \t]+idea|rep[ \t]+(?:thinks|believes|has)|until|unless|"
    r"(?:put|class|mark|file)[ \t]+(?:them|him|her|it)[ \t]+(?:down[ \t]+)?as|"
    # The rep's own verdict on the account: "Clearly a partnership account in the making",
    # "this is the long-term partner account I've been after".
    r"(?:partnership|partner|relationship|relational|transactional|strategic)[ \t]+account|"
    # A colleague's old opinion passed on: "Handover from Steve: ...", "CRM field reads ..."
    r"hand-?over|" + _CRM_FIELD + "|"
    # The rep's plan, said without "I": "Plan: propose monthly sessions", "Going to pitch
    # the service plan", "Think they'd be perfect for a long-term agreement".
    r"^[ \t]*(?:plan|next[ \t]+step|aim|goal|idea|strategy|think|reckon)\b[ \t]*:?|"
    r"(?:going[ \t]+to|gonna|will|i'?ll|plan[ \t]+to|planning[ \t]+to|want[ \t]+to|aim[ \t]+to|"
    r"aiming[ \t]+to|intend[ \t]+to|hope[ \t]+to|hoping[ \t]+to|try[ \t]+to|to)[ \t]+"
    r"(?:propose|pitch|offer|suggest|push|upsell|position|sell[ \t]+(?:them|him|her)))\b",
    re.IGNORECASE | re.MULTILINE,
)
_PLACE_WORDS: Final = frozenset({"at", "from", "of", "in"})
# Words between a name and its reporting verb that set the report off from another's:
# "Ben on the other hand says", "Priya, for her part, wants", "Tom however reckons".
_ASIDE_WORDS: Final = frozenset(
    "on the other hand however though too also for his her their part meanwhile again "
    "instead by contrast in turn herself himself themselves".split()
)


def is_guess(sentence: str) -> bool:
    """Whether a sentence of the rep's own carries a guess, a hope or a plan ("I
    honestly think they'd love a quarterly review", "feels like a partnership
    opportunity", "my plan: get in with the CFO"): it says what the rep thinks, not
    what the customer wants."""
    return _GUESS.search(sentence) is not None


# The rep's own question, written down without its answer: "Asked Callum straight about
# next year's box tender", "I asked her whether they'd tender again" (not "Asked me
# about reviews" nor "Asked for a visit", which are the customer's asking).
_ASKED_THEM: Final = re.compile(
    r"^\W*(?:(?:also|then|just|finally|again|so)\s+)?(?:"
    # "I asked her whether ...", "we asked about ..."
    r"(?:i|we)\s+(?:(?:also|then|just|finally|again)\s+)?asked\s+(?!(?:me|us|for|to)\b)"
    r"(?:[\w'’.-]+\s+){0,3}?"
    # "Asked Callum straight about ...": with no subject, only with whom the rep asked
    # ("Asked who else was cheaper" may be the customer asking)
    r"|asked\s+(?:him|her|them|(?-i:[A-Z])[\w'’.-]*)\s+(?:[\w'’.-]+\s+){0,2}?)"
    r"(?:about|if|whether|what|how|why|when|where|which|who)\b",
    re.IGNORECASE,
)


def asks_them(sentence: str) -> bool:
    """Whether a sentence of the rep's records the rep's own question ("Asked Callum
    about next year's tender"): what it names is the rep's topic, not the customer's
    view."""
    return _ASKED_THEM.search(sentence) is not None


def question_before(text: str) -> str:
    """The rep's question, or offer, that ends ``text`` and that the customer's words
    right after it answer ("Asked if he wanted to roll it on another three years.",
    "Offered a six-monthly review:", "Want us in from the start?"); "" if it ends
    otherwise."""
    sentence = _last_sentence(text)
    if sentence.endswith("?") or _ASKED_IF.search(sentence):
        return sentence
    return ""


def _last_sentence(text: str) -> str:
    """The last sentence of ``text``: what follows its last sentence end, without the
    commas, colons or dashes that lead into what comes next."""
    tail = text.rstrip(" \t,:;-–—")
    cut = max(tail.rfind(mark, 0, len(tail) - 1) for mark in (". ", "! ", "? ", "\n"))
    return tail[cut + 1 :].strip() if cut >= 0 else tail.strip()


# "Asked if ...", "I checked whether ...", "Offered them a review", "suggested monthly calls".
_ASKED_IF: Final = re.compile(
    r"\b(?:(?:asked|checked|wanted to know)\b[^.!?]{0,60}?\b(?:if|whether)\b"
    r"|(?:offered|suggested|proposed)\b)",
    re.IGNORECASE,
)


_REPORT_END: Final = re.compile(r"[.!?;](?=\s|$)|\n")
# An automatic reply pasted with the thread ("I am out of the office until ...").
_AUTO_REPLY: Final = re.compile(
    r"\b(?:out of (?:the )?office|automatic reply|auto-?reply|autoreply|on annual leave until|"
    r"limited access to (?:e-?mail|my e-?mail)|away from my desk until)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one entry's notes said by one side."""

    text: str
    speaker: str  # SPEAKER_CUSTOMER or SPEAKER_REP
    kind: str  # KIND_QUOTE, KIND_TURN or KIND_NOTE
    who: str = ""  # the name in a transcript line or an email's "From:", or the reported


def segment_notes(
    notes: str,
    our_side: frozenset[str] = frozenset(),
    customers: frozenset[str] = frozenset(),
    *,
    their_email: bool = False,
    our_email: bool = False,
    account: str = "",
) -> list[Segment]:
    """Cut ``notes`` into segments by speaker, in order. ``our_side`` holds the
    lower-case names (full and first) of colleagues and partners, whose lines are
    the rep's side; ``customers`` those of the customer's people (for lower-case
    "name: ..." lines and reported speech). ``their_email``: the entry is an email the
    customer started, so a pasted body that opens with a greeting is theirs; ``our_email``:
    one the rep started, so one that opens with a greeting is ours. ``account``: the
    account's name ("Duckett's: took over from his dad" is about the account, not
    someone speaking)."""
    out: list[Segment] = []
    prose: list[str] = []
    header_rep = False  # the last "Name:" line with no text named the rep's side
    author = ""  # who wrote the email being read: "", SPEAKER_CUSTOMER or SPEAKER_REP
    author_name = ""  # their name, from its "From:" line
    signed = False  # past the sign-off of that email: its signature
    quoted_by = ""  # who wrote the ">" lines, from an "On ... X wrote:" line
    quoted_name = ""  # their name, when a line before named them ("Dave replied:")
    first = True
    replied = False  # the line before was a ">" line quoting an email
    chat = ""  # the speaker of the chat message being read ("" outside a chat)
    chat_rep = False  # whether that speaker is the rep's side
    lines = notes.splitlines()
    speakers = _speaker_map(notes)  # "S1 = me": the transcript's numbered speakers
    sent_by_us = _SENT_BY_US.search(notes) is not None  # "Pasting what I sent, no reply:"
    # Questions and answers: the "A:" lines answer the rep's "Q:" lines.
    qa = any(_QA_Q.match(x) for x in lines) and any(_QA_A.match(x) for x in lines)

    def flush() -> None:
        if prose:
            out.extend(_split_prose("\n".join(prose), customers))
            prose.clear()

    addressee: frozenset[str] = frozenset()  # whom the email being read greets
    last = ""  # the last line with text before this one
    gap = False  # a blank line just before this one
    form = False  # reading a form the customer filled in, pasted below its intro
    pasted = ""  # whose bullets are pasted below "Helen's email, pasted:" ("" outside)
    form_gap = False  # a blank line inside it: a field must follow to carry on
    blocks = _quote_blocks(lines, customers, our_email)
    for n, line in enumerate(lines):
        stripped = line.strip()
        if n:
            before = lines[n - 1].strip()
            gap = not before
            last = before or last
        if form:
            if not stripped:
                flush()
                form_gap = True
                continue
            if _REP_REMARK.match(stripped) or (form_gap and not _FORM_FIELD.match(stripped)):
                form = False
            else:
                form_gap = False
                flush()
                out.extend(_form_line(stripped))
                continue
        if pasted:
            if not stripped:
                flush()
                continue
            bullet = _PASTED_BULLET.match(stripped)
            if bullet:
                flush()
                said = stripped[bullet.end() :].strip()
                if said:
                    out.append(Segment(said, SPEAKER_CUSTOMER, KIND_QUOTE, pasted))
                continue
            pasted = ""
        if n in blocks:
            # A quotation over several lines: 'Reply to my request: "Dear Tom, ...'
            flush()
            text = stripped.strip(_QUOTE_CHARS).strip()
            if not blocks[n]:
                continue  # the signature under a sign-off
            if _SIGN_OFF.match(text):
                for k in range(n + 1, n + _MAX_BLOCK):
                    if k in blocks:
                        blocks[k] = ""
            elif text and not _GREETING.fullmatch(text) and not _NAME_LINE.match(text):
                out.append(Segment(text, blocks[n], KIND_QUOTE))
            continue
        if not stripped:
            flush()
            chat = ""
            continue
        if _DISCLAIMER.search(stripped):
            flush()  # "This message is confidential ...": a footer, nobody's view
            continue
        opening, first = first, False
        after_quote, replied = replied, False
        # Email structure: who wrote what, and which lines are headers and signatures.
        start = _FROM.match(stripped)
        if start:
            flush()
            who = re.sub(r"<[^>]*>|\[[^\]]*\]|\S+@\S+", "", start.group("who")).strip(" ,;")
            author = SPEAKER_REP if _is_rep(who, our_side) else SPEAKER_CUSTOMER
            author_name = who if author == SPEAKER_CUSTOMER else ""
            signed, header_rep = False, False
            continue
        wrote = _WROTE.match(stripped)
        if wrote or _NEW_MESSAGE.match(stripped):
            flush()
            who = wrote.group("who") if wrote else ""
            quoted_by = (SPEAKER_REP if _is_rep(who, our_side) else SPEAKER_CUSTOMER) if who else ""
            if (
                who
                and author == SPEAKER_CUSTOMER
                and (who.casefold() in addressee or (customers and not _known(who, customers)))
            ):
                # "On 30 May, Moretti wrote:" under the customer's email to Moretti: the
                # message they answer is ours.
                quoted_by = SPEAKER_REP
            quoted_name = who if quoted_by == SPEAKER_CUSTOMER and _known(who, customers) else ""
            author, signed = "", False
            continue
        if _HEADER.match(stripped) and (author or opening):
            continue
        if _AUTO_REPLY.search(stripped):
            flush()  # an automatic reply states nobody's view
            continue
        if stripped.startswith(">"):
            flush()
            replied = their_email and not author
            text = stripped.lstrip("> ").strip()
            if text:
                # Quoted under the customer's own email with no "On ... wrote:": the
                # message they answer, which is ours.
                rep = (
                    header_rep
                    or quoted_by == SPEAKER_REP
                    or (author == SPEAKER_CUSTOMER and not quoted_by)
                )
                if rep:
                    # our own message, quoted: what we said, not what we saw
                    out.append(Segment(text, SPEAKER_REP, KIND_NOTE, "Me"))
                elif not _SIGN_OFF.match(text):
                    out.append(Segment(text, SPEAKER_CUSTOMER, KIND_QUOTE, quoted_name))
            continue
        if (
            their_email
            and not author
            and (
                (opening and _GREETING.match(stripped))
                or (after_quote and quoted_by == SPEAKER_REP)
            )
        ):
            # The customer's email pasted without headers, or their reply below the
            # rep's quoted message.
            author, author_name, signed = SPEAKER_CUSTOMER, "", False
            addressee = _addressee(stripped)
        elif not author and not chat and _GREETING.match(stripped) and (opening or gap):
            # An email pasted into the notes, opening with its greeting: whose it is
            # follows from whom it greets ("Dear Mr Khanna," greets the rep, so it is the
            # customer's; "Dear Radomila," greets the customer's person, so it is ours)
            # and from the line that introduced it ("her reply on top:", "my email:").
            addressee = _addressee(stripped)
            signer = _signer(lines, n + 1)
            ours = _pasted_by_us("" if opening else last, addressee, signer, customers, our_email)
            if ours is not None:
                flush()
                author, author_name, signed = (SPEAKER_REP if ours else SPEAKER_CUSTOMER), "", False
                continue  # the greeting itself says nothing
        if author and gap and _TRANSLATION.match(stripped):
            author, author_name, signed = "", "", False  # "My translation: ..." after it
        if author:
            if signed:
                continue  # a signature, a disclaimer
            if _SIGN_OFF.match(stripped):
                flush()
                signed = True
                continue
            if _NAME_LINE.match(stripped):
                continue  # a name or a title on its own: the signature begins
            if author == SPEAKER_CUSTOMER:
                flush()
                out.append(Segment(stripped, SPEAKER_CUSTOMER, KIND_EMAIL, author_name))
            else:
                prose.append(line)  # ours, but it may quote or report the customer
            continue
        ticket = _ticket_head(stripped, our_side, customers)
        if ticket is not None:
            flush()  # a helpdesk thread: what follows, up to a blank line, is theirs
            chat, chat_rep = ticket
            continue
        head = _chat_head(stripped, our_side, customers)
        if head:
            flush()
            chat, chat_rep = head, head.casefold() in _REP_NAMES or _ours(head, our_side)
            if not chat_rep and sent_by_us and not _known(head, customers):
                chat_rep = True  # "Pasting what I sent:" - a name not theirs is the rep's
            continue
        if qa:
            asked, answered = _QA_Q.match(line), _QA_A.match(line)
            if asked or answered:
                flush()
                chat = ""
                text = (asked or answered).group("text").strip()  # type: ignore[union-attr]
                if text and asked:
                    out.append(Segment(text, SPEAKER_REP, KIND_NOTE, "Q"))
                elif text:
                    out.append(Segment(text, SPEAKER_CUSTOMER, KIND_TURN))
                continue
        line = _TIMESTAMP.sub("", line, count=1)
        turn = _TURN.match(line)
        name = turn.group("name").strip() if turn else ""
        if turn and _names_account(name, account, customers):
            turn, name = None, ""
        if turn and speakers and name.isupper() and len(name) <= 3 and name.casefold() in speakers:
            name = speakers[name.casefold()]  # "A:" for "A = Anilkumar"
        if not (turn and _is_speaker(name)) and customers:
            turn = _LOWER_TURN.match(line)
            name = turn.group("name").strip() if turn else ""
            if turn and not _known(name, customers):
                turn = None
        if turn and speakers and _NUMBERED.match(name):
            # A speaker the notes name; one they leave unnamed, when they name only the
            # customer's people, is the rep's own voice.
            fallback = "" if "Me" in speakers.values() else "Me"
            name = speakers.get(_label_key(name), fallback) or name
        if turn and _our_initials(name, customers):
            # "RD: agree, probably relational": a colleague's initials, not the customer's
            # - their note, in which the customer may still be quoted or reported.
            prose.append(turn.group("text"))
            continue
        if turn and _is_speaker(name):
            flush()
            text = turn.group("text").strip()
            rep = name.casefold() in _REP_NAMES or _ours(name, our_side)
            header_rep = rep
            if text:
                if rep:
                    out.append(Segment(text, SPEAKER_REP, KIND_NOTE, name))
                else:
                    out.extend(_turn_segments(text, name, our_side, customers))
            continue
        header_rep = False
        if chat:
            flush()
            if chat_rep:
                out.append(Segment(stripped, SPEAKER_REP, KIND_NOTE, chat))
            else:
                out.append(Segment(stripped, SPEAKER_CUSTOMER, KIND_TURN, chat))
            continue
        if _FORM_INTRO.match(stripped):
            form, form_gap = True, False
        intro_of = _PASTED_INTRO.match(stripped)
        if intro_of and not form and _known(intro_of.group("who"), customers):
            # "Helen's email, pasted:" - the bulleted lines below it are Helen's words
            # (taking its plain lines as hers too failed blind_10's floor).
            pasted = intro_of.group("who")
        intro = _INTRO.match(stripped)
        if intro and customers:
            # "Dave replied:" - the quoted lines that follow are Dave's.
            name = next((w for w in intro.group("who").split() if _known(w, customers)), "")
            if name:
                quoted_by, quoted_name = SPEAKER_CUSTOMER, name
        prose.append(line)
    flush()
    return _translated([_signed(seg, customers) for seg in out], customers)


def _translated(segments: list[Segment], customers: frozenset[str]) -> list[Segment]:
    """The rep's translation of what the customer wrote in another language ("My
    translation: Thanks for your offer, but no thanks.", "[Rough translation] ...",
    "(Translation, roughly: ...)", "From Frau Lang (translated): ...") is the customer's
    words; the original above it (the email pasted whole, or words in a language the
    readers do not know) is left out, so that it is read once, in English."""
    markers = [
        _TRANSLATION.search(seg.text[:_TRANSLATION_HEAD]) if seg.speaker == SPEAKER_REP else None
        for seg in segments
    ]
    if not any(markers):
        return segments
    out: list[Segment] = []
    for seg, marker in zip(segments, markers, strict=True):
        if marker is None:
            out.append(seg)
            continue
        before = seg.text[: marker.start()].strip().rstrip("([").strip()
        said = seg.text[marker.end() :].strip().strip("()[]").strip()
        if before:
            out.append(Segment(before, SPEAKER_REP, seg.kind))
        if said:
            named = _FROM_NAME.search(seg.text[: marker.end()])
            who = named.group("name") if named and _known(named.group("name"), customers) else ""
            # Words the customer wrote in another language are read once, in English.
            out = [
                o
                for o in out
                if o.speaker == SPEAKER_REP or (o.kind != KIND_EMAIL and _english(o.text))
            ]
            out.append(Segment(said, SPEAKER_CUSTOMER, KIND_QUOTE, who))
    return out


_TRANSLATION_HEAD: Final = 90  # how far into a paragraph its translation marker may come
_TRANSLATION: Final = re.compile(
    r"(?:^|(?<=[\s(\[]))(?:my |rough |quick |loose |google |deepl )?"
    r"(?:translation|translated|in english)(?:,? roughly| \(rough\)| from [^:\n]{1,40})?"
    r"\s*[:\])]\s*(?:\(\s*)?",
    re.IGNORECASE,
)
_FROM_NAME: Final = re.compile(
    r"\bfrom (?:(?:mr|mrs|ms|dr|herr|frau|sr|sra)\.? )?(?P<name>(?-i:[A-Z])[\w'’-]+)",
    re.IGNORECASE,
)
# Common English words: a stretch with hardly any is in another language.
_ENGLISH: Final = frozenset(
    "the a an and or but to of in on for with is are was were be we i you it that this "
    "not no our my your me us they he she have has will would can do don't please thanks "
    "thank send price from at as if so what".split()
)


def _english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:'[a-z]+)?", text.casefold())
    if len(words) < 6:
        return True
    return sum(w in _ENGLISH for w in words) >= 0.12 * len(words)


def _signed(seg: Segment, customers: frozenset[str]) -> Segment:
    """A quotation of the customer's that ends by signing with one of their people's
    names ("... send the price list. Thanks, Janet") is that person's, whoever the notes
    before it named ("Pasted from Janet after my call with Kyle:")."""
    if seg.speaker != SPEAKER_CUSTOMER or seg.kind != KIND_QUOTE or not customers:
        return seg
    signed = _SIGNED_AT_END.search(seg.text)
    if signed is None or not _known(signed.group("name"), customers):
        return seg
    name = signed.group("name")
    if (
        seg.who
        and _known(seg.who, customers)
        and seg.who.split()[0].casefold() == name.split()[0].casefold()
    ):
        return seg
    return Segment(seg.text, seg.speaker, seg.kind, name)


# "... Thanks, Janet", "Cheers - Tom", "Best regards, Dr. Anil Rao." at a quotation's end.
_SIGNED_AT_END: Final = re.compile(
    r"(?:[.!?,]\s*|\s+[-–—]\s*|^)(?:(?:many |kind |best |warm )?(?:thanks|thank you|cheers|regards|best|"
    r"sincerely|ta|best wishes))\s*[,.!–—-]*\s*"
    r"(?P<name>(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _addressee(greeting: str) -> frozenset[str]:
    """The names a greeting line greets: "Gentile Sig. Moretti," gives {"moretti"}."""
    head = _GREETING.match(greeting)
    words = re.findall(r"[^\W\d_][\w'’-]*", head.group() if head else "")
    return frozenset(
        w.casefold() for w in words[1:] if w[0].isupper() and w.casefold() not in _TITLES
    )


def _signer(lines: list[str], start: int) -> str:
    """The name under the sign-off of the email that starts at line ``start`` ("" when
    it has none within a screenful)."""
    for k in range(start, min(len(lines), start + _MAX_EMAIL_LINES)):
        if _SIGN_OFF.match(lines[k].strip()):
            name = next((x.strip() for x in lines[k + 1 : k + 3] if x.strip()), "")
            return name if _NAME_LINE.match(name) else ""
    return ""


_MAX_EMAIL_LINES: Final = 60


def _pasted_by_us(
    intro: str,
    addressee: frozenset[str],
    signer: str,
    customers: frozenset[str],
    our_email: bool,
) -> bool | None:
    """Whether an email pasted into the notes is ours (True), the customer's (False) or
    cannot be told (None), from the line that introduced it ("" at the top of the
    notes), whom it greets, who signs it, and whether the entry is an email the rep
    sent."""
    if _THEIR_PASTE.search(intro):
        return False  # "her reply on top:", "their answer:", "got this:"
    if _OUR_PASTE.search(intro):
        return True  # "my email:", "I wrote:"
    if signer and any(_known(w, customers) for w in signer.split()):
        return False  # signed by the customer's person: their reply, even in our thread
    if our_email and not intro:
        return True  # the rep's own email, from the top
    if any(_known(name, customers) for name in addressee):
        return True  # it greets the customer's people
    if addressee and not our_email:
        return False  # it greets someone who is not theirs: the rep
    return None  # "Good morning," greets nobody we can tell; "Hi Dana," in our email


# Titles and forms of address between a greeting and a name.
_TITLES: Final = frozenset(
    "mr mrs ms miss mx dr prof sir madam sig sigg dott dottssa dott.ssa ing avv herr frau "
    "pane paní pani panie sr sra srta sres don doña dona senhor senhora monsieur madame "
    "meneer mevrouw heer team all everyone colleagues dear madame monsieur messieurs "
    "senhores senhoras signori herren damen geehrte geehrter geehrtes good morning "
    "afternoon evening day hi hello".split()
)
_THEIR_PASTE: Final = re.compile(
    r"\b(?:(?:her|his|their|the customer's|client's)\s+(?:reply|replies|response|answer|"
    r"email|e-mail|letter|message|mail)|got this|came back|they (?:wrote|replied|sent)|"
    r"(?:he|she) (?:wrote|replied|sent)|circular|email from|reply from|letter from|from the)\b",
    re.IGNORECASE,
)
_OUR_PASTE: Final = re.compile(
    r"\b(?:(?:i|we)\s+(?:wrote|sent|replied|emailed|answered)|(?:my|our)\s+(?:reply|"
    r"response|answer|email|e-mail|letter|message)\b(?!.*\b(?:her|his|their)\s+reply))",
    re.IGNORECASE,
)


def _form_line(line: str) -> list[Segment]:
    """A line of a form the customer filled in: theirs, but not the options they left
    unticked ("Contact preference: [x] Email  [ ] Phone  [ ] Visits" says email)."""
    if not _EMPTY_BOX.search(line):
        return [Segment(line, SPEAKER_CUSTOMER, KIND_QUOTE)]
    parts = _EMPTY_BOX.split(line)
    kept = [parts[0]] + [p for p in parts[1:] if _TICKED.search(p)]
    return [Segment(p.strip(), SPEAKER_CUSTOMER, KIND_QUOTE) for p in kept if p.strip()]


_NUMBERED: Final = re.compile(r"(?i:speaker[ \t]?[a-z0-9]{1,2}|s[0-9]{1,2})$")


def _label_key(label: str) -> str:
    return re.sub(r"[ \t]+", "", label.casefold()).replace("speaker", "s")


def _speaker_map(notes: str) -> dict[str, str]:
    """A transcript's numbered or lettered speakers, as the notes say who they are:
    "S1 = me", "Speaker 2 = Priya (ops director)", "A = Anilkumar, R = me"; the rep's own
    label becomes "Me"."""
    out: dict[str, str] = {}
    if "=" in notes:
        for match in _LETTER_MAP.finditer(notes):
            who = match.group("who").strip()
            out.setdefault(match.group("label").casefold(), "Me" if who.casefold() in _ME else who)
    if "peaker" not in notes and not re.search(r"\bS\d", notes):
        return out
    for match in _SPEAKER_MAP.finditer(notes):
        who = match.group("who").strip()
        if who.casefold() in _ME:
            who = "Me"
        out.setdefault(_label_key(match.group("label")), who)
    return out


def _chat_head(line: str, our_side: frozenset[str], customers: frozenset[str]) -> str:
    """The speaker a chat message header names ("Jonah Feld  3:31 PM"), or "": one
    time, before or after the name, and a name that is the rep ("Me"), a known
    person or a first and last name."""
    head = _CHAT_HEAD.match(line)
    if head is None or bool(head.group("before")) == bool(head.group("after")):
        return ""
    name = head.group("name").strip()
    low = name.casefold()
    if not _is_speaker(name):
        return ""
    if low in _REP_NAMES or _ours(name, our_side) or _known(name, customers):
        return name
    return name if len(name.split()) >= 2 and name[0].isupper() else ""


# The header of a message in a pasted helpdesk thread: "Customer replied — 14 Mar 09:12",
# "Agent replied (Sam, Support) — 10:02", "Dr. Fiona Achebe commented",
# "Additional comments (Customer Visible) — 2024-09-10 07:02:18 — Martin Pryce",
# "Work notes — 2024-09-10 08:15 — Kwame Asante".
_TICKET_VERB: Final = re.compile(
    r"^(?P<who>[A-Za-z][\w.'’ -]{0,50}?)[ \t]+(?:replied|wrote|responded|commented|posted|"
    r"reported|added[ \t]+a[ \t]+(?:comment|reply|note))\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Agent (Dana) · Fri, 3 Oct 2025 11:40", "Nadia Blake • 09:12": a name, a dot, a date.
_TICKET_DOT: Final = re.compile(
    r"^(?P<who>[A-Za-z][\w.'’ ]{0,40}?(?:[ \t]*\([^)\n]{1,30}\))?)[ \t]*"
    # a hyphen only with a space before it: "Quigley-Hart, Rasmus" is a name
    r"(?P<rest>(?:[·•|—–]|(?<=[ \t])-).*)$"
)
# A date or a time, as a message header shows it ("29 Aug 2024 16:40", "20/05/2025").
_DATE_LIKE: Final = re.compile(
    r"\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"\d{1,2}[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ \t]+\d{1,2}",
    re.IGNORECASE,
)
_TICKET_REST: Final = re.compile(r"^[\s()\w,.:/+•·|—–-]{0,70}$")
_TICKET_LOG: Final = re.compile(
    r"^(?P<kind>additional[ \t]+comments?|public[ \t]+comments?|customer[ \t]+comments?|"
    r"comments?|work[ \t]+notes?|internal[ \t]+notes?|private[ \t]+notes?|agent[ \t]+notes?)"
    r"\b[^—–]{0,40}(?:[—–-][ \t]*(?P<when>[\d][\d\-/:. T]{5,25})[ \t]*)?"
    r"(?:[—–-][ \t]*(?P<who>[A-Z][\w.'’ -]{1,50}(?:\([^)\n]{0,30}\))?))?[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)
_THEIR_SIDE: Final = frozenset(
    "customer requester requestor caller client user enduser reporter contact".split()
)
_OUR_ROLES: Final = frozenset(
    "agent support technician tech engineer operator bot assistant team helpdesk admin "
    "staff analyst internal".split()
)


def _ticket_head(
    line: str, our_side: frozenset[str], customers: frozenset[str]
) -> tuple[str, bool] | None:
    """The author of the message a helpdesk thread's header line introduces, and
    whether they are on the rep's side; None if the line is no such header."""
    if len(line) > 140:
        return None
    log = _TICKET_LOG.match(line)
    if log is not None and (log.group("when") or log.group("who")):
        who = (log.group("who") or "").strip()
        if log.group("kind").casefold().split()[0] in ("work", "internal", "private", "agent"):
            return who or "Internal note", True
        return who, not _known_person(who, customers) if who else False
    head = _TICKET_VERB.match(line)
    if head is None:
        head = _TICKET_DOT.match(line)
        if head is None or not _DATE_LIKE.search(head.group("rest")):
            return None  # "Dana — 3 pallets by Friday": a note, not a message header
    rest = head.group("rest")
    if not _TICKET_REST.match(rest) or (rest.strip(" :") and not re.search(r"\d", rest)):
        return None
    who = head.group("who").strip()
    words = re.sub(r"[()]", " ", who.casefold().replace("-", " ")).split()
    if not words or words[0] in _PRONOUNS or not _is_speaker(who.split("(")[0].strip()):
        return None  # "She replied ...": the rep's prose
    name = who.split("(")[0].strip()  # "Raymond Okafor (Public)": the name
    if words[0] in _THEIR_SIDE or (words[-1] in _THEIR_SIDE and len(words) <= 2):
        return name, False
    if words[0] in _OUR_ROLES or words[-1] in _OUR_ROLES or _is_rep(who, our_side):
        return who, True
    if _known_person(name, customers):
        return name, False
    return (name, True) if name[:1].isupper() and len(words) <= 4 else None


_QUOTE_CHARS: Final = "\"“”'‘’"  # stripped from the ends of a quoted line
_QUOTE_MARK: Final = re.compile(r"(?<!\w)[\"“]|[\"”](?!\w)")
# A single quotation mark that closes a quotation (not an apostrophe inside a word), and
# a line that ends with one.
_SINGLE_CLOSE: Final = re.compile(r"(?<=[^\s'’‘])['’](?=[\s.,;:!?)]|$)")
_SINGLE_END: Final = re.compile(r"[^\s'’‘]['’][.,;:!?)]*$")
# An apostrophe that opens a word, not a quotation: "'Tis", "'em", "'cause".
_ELISION: Final = re.compile(r"['‘](?:tis|twas|em|cause|cos|til|till|bout|round|n|s)\b", re.I)
_MAX_BLOCK: Final = 60  # lines: a longer "quotation" is an unclosed quotation mark


def _quote_blocks(
    lines: list[str], customers: frozenset[str] = frozenset(), our_email: bool = False
) -> dict[int, str]:
    """The lines inside quotations that run over several lines (a pasted email or
    message in quotation marks), by line number, with whose words they are: the
    customer's, or the rep's when the line before says "I wrote:", or when the message
    greets the customer's people or is signed by someone who is not theirs (see
    ``_pasted_by_us``)."""
    blocks: dict[int, str] = {}
    double = any('"' in x or "“" in x for x in lines)
    if not double and not any(x.lstrip()[:1] in ("'", "‘") for x in lines):
        return blocks
    odd = [len(_QUOTE_MARK.findall(x)) % 2 == 1 for x in lines] if double else []
    # For each line, the first line from it on that ends with a closing single quote
    # (one pass from the end, so that an opening line finds its end at once).
    closing: list[int] = []
    if any(x.lstrip()[:1] in ("'", "‘") for x in lines):
        closing = [len(lines)] * (len(lines) + 1)
        for k in range(len(lines) - 1, -1, -1):
            closing[k] = k if _SINGLE_END.search(lines[k].strip()) else closing[k + 1]
    n = 0
    while n < len(lines):
        line = lines[n].strip()
        end = -1
        if double and line[:1] in ('"', "“") and odd[n]:
            end = next((k for k in range(n + 1, min(len(lines), n + _MAX_BLOCK)) if odd[k]), -1)
        elif (
            line[:1] in ("'", "‘")
            and line[1:2].strip()
            and not _SINGLE_CLOSE.search(line, 1)
            and not _ELISION.match(line)
        ):
            # 'Hi Tom, can we stop ... (a message pasted in single quotes, over several
            # lines, up to the line that closes it: ... Thanks, Jo'
            end = closing[n + 1]
            if end >= min(len(lines), n + _MAX_BLOCK):
                end = -1
        if end > 0:
            before = next((lines[k] for k in range(n - 1, -1, -1) if lines[k].strip()), "")
            who = SPEAKER_REP if _SELF_QUOTE.search(before.rstrip()) else SPEAKER_CUSTOMER
            opening = line.strip(_QUOTE_CHARS).strip()
            if who == SPEAKER_CUSTOMER and _GREETING.match(opening):
                inside = [x.strip().strip(_QUOTE_CHARS) for x in lines[n + 1 : end + 1]]
                ours = _pasted_by_us(
                    before, _addressee(opening), _signer(inside, 0), customers, our_email
                )
                who = SPEAKER_REP if ours else SPEAKER_CUSTOMER
            blocks.update(dict.fromkeys(range(n, end + 1), who))
            n = end + 1
            continue
        n += 1
    return blocks


def _is_rep(who: str, our_side: frozenset[str]) -> bool:
    low = who.casefold().strip()
    return not low or low in _REP_NAMES or _ours(low, our_side)


# Initials that name a role on the customer's side, not a colleague ("CFO: ...").
_THEIR_ROLES: Final = frozenset(
    "ceo cfo coo cto cio cmo cpo md gm vp hr it pa ea fd om ops qa qc hod svp evp".split()
)


def _our_initials(name: str, customers: frozenset[str]) -> bool:
    """Whether a speaker tag is a colleague's initials: two to four capitals that are
    not the initials of any of the customer's people (nor a role such as "CFO")."""
    low = name.casefold()
    return (
        bool(customers)
        and 2 <= len(name) <= 4
        and name.isalpha()
        and name.isupper()
        and low not in customers
        and low not in _THEIR_ROLES
    )


# Titles before a name, which the customer's names are known without ("Dr. Ingrid
# Sorensen" is "ingrid sorensen", "Inspector Rob Hale" is "rob hale"; see
# ``reading.customer_names``): ranks, offices, clergy, professions' titles and the forms
# of address of other languages ("Pak", "Khun").
HONORIFICS: Final = frozenset(
    "mr mrs ms miss mx dr prof professor doctor herr frau sgt sergeant lt lieutenant capt "
    "captain major col colonel inspector constable sir dame lord lady station commander "
    "warrant officer chef the cllr councillor alderman judge rev revd reverend pastor father "
    "fr sister imam rabbi ing eng engr arch lic dott dott.ssa dra pharm pak ibu bu khun "
    "alhaji alhaja alhaj haji hajia sheikh".split()
)
# Forms of address after a name ("Chopra saab", "Mehta ji"), dropped only from the end
# of a name of two words or more.
NAME_SUFFIXES: Final = frozenset("saab sahib sahab ji san sama sensei didi bhai".split())


def without_titles(words: list[str]) -> list[str]:
    """The words of a name without the titles that lead it ("Dr. Fiona Achebe" is
    "Fiona Achebe"; the same word later is the name itself: "John Major"); a title alone
    is left as it is."""
    start = 0
    while start < len(words) - 1 and words[start].strip(".,").casefold() in HONORIFICS:
        start += 1
    return words[start:]


def _known_person(name: str, customers: frozenset[str]) -> bool:
    """Whether a name as a header writes it ("Dr. Fiona Achebe") is one of the
    customer's people."""
    return _known(name, customers) or _known(" ".join(without_titles(name.split())), customers)


def _known(name: str, names: frozenset[str]) -> bool:
    low = name.casefold().strip()
    return bool(low) and (low in names or low.split()[0] in names)


def _split_prose(text: str, customers: frozenset[str]) -> list[Segment]:
    """The rep's prose: quoted words and reported speech taken out as the customer's."""
    out: list[Segment] = []
    before = ""  # the rep's words just before a quotation
    for seg in _split_quotes(text):
        if seg.speaker == SPEAKER_REP and seg.kind == KIND_NOTE:
            out.extend(_split_reported(seg.text, customers))
            before = seg.text
            continue
        if seg.kind == KIND_QUOTE and before and not seg.who:
            who = _quoted_by(before, customers)
            if who and _speaks_of(seg.text, who):
                who = ""  # "Asked if he'd talked to Alan. 'Alan hasn't said boo.'"
            seg = Segment(seg.text, seg.speaker, seg.kind, who)
        elif seg.kind == KIND_QUOTE and before and not before.rstrip().endswith(_STOPS):
            # "Asked Hattie what Guy would want: '...'": the answer is Hattie's, though
            # the words just before the quotation name Guy.
            asked = _asked_whom(before, customers)
            if asked:
                seg = Segment(seg.text, seg.speaker, seg.kind, asked)
        out.append(seg)
        before = ""
    return out


def _quoted_by(before: str, customers: frozenset[str]) -> str:
    """Who says a quotation the notes leave unnamed, from the sentence just before it:
    the person the rep asked or spoke to ("Asked Clare whether Anders wants to meet.
    'He's not engaged.'" is Clare's) or the one the sentence says is speaking ("Then Anna
    said, 'We only buy on price.'"); "" when that sentence names nobody, or more than one
    of the customer's people in that place ("Met Graham and Michelle.")."""
    if not customers:
        return ""
    sentence = _last_sentence(before)
    if sentence.rstrip(" \t,:;-–—").casefold() in _DISCOURSE:
        # "Luca poured espresso, showed me the oven. Then: '...'": the one the sentence
        # before opens with, when it names them first and no one else of theirs.
        head = before[: before.rfind(sentence)]
        earlier = _last_sentence(head)
        first = _CAPITALISED.match(earlier)
        theirs = [
            w.group() for w in _CAPITALISED.finditer(earlier) if w.group().casefold() in customers
        ]
        if first and theirs == [first.group()]:
            return first.group()
        if head.rstrip().endswith(",") and _led_by(earlier, customers):
            # "Guðmundur Óli heard Ásdís out, then:": the same sentence's subject
            return first.group() if first else ""
        return ""
    asked = _asked_whom(sentence, customers)
    if asked:
        return asked
    for word in _CAPITALISED.finditer(sentence):
        if word.group().casefold() in customers and _SAYS_AFTER.match(sentence, word.end()):
            return word.group()
    # "Guðmundur Óli heard Ásdís out, then: '...'": a sentence that leads into the
    # quotation with a colon is its subject's, whoever else it names (not "Kevin forwarded
    # Rab's note:", which passes another's words on).
    if before.rstrip().endswith(":") and _led_by(sentence, customers):
        first = _CAPITALISED.match(sentence)
        return first.group() if first else ""
    return ""


def _led_by(sentence: str, customers: frozenset[str]) -> bool:
    """Whether a sentence opens with one of the customer's people and their verb, and
    passes nobody else's words on."""
    first = _CAPITALISED.match(sentence)
    return bool(
        first
        and first.group().casefold() in customers
        and _SUBJECT_VERB.match(sentence, first.end())
        and not _ANOTHERS_WORDS.search(sentence)
        # "Carla was comparing prices when he cut in:": someone else speaks
        and not _ANOTHER_SUBJECT.search(sentence, first.end())
    )


_ANOTHER_SUBJECT: Final = re.compile(r"\b(?:he|she|they|someone|somebody)\b", re.IGNORECASE)
# After a name, its verb: "Guðmundur Óli heard ...", "Halldór came on the line ...".
_SUBJECT_VERB: Final = re.compile(r"(?:[ \t]+[A-ZÀ-Þ][\w'’-]*){0,2}[ \t]+[a-z][\w'’-]*")
_ANOTHERS_WORDS: Final = re.compile(
    r"\w(?:'s|’s)[ \t]+(?:own[ \t]+)?(?:reply|email|e-mail|answer|words|message|instructions?"
    r"|verdict|note|text|letter)\b|\b(?:forward|pass|read)",
    re.IGNORECASE,
)


def _asked_whom(text: str, customers: frozenset[str]) -> str:
    """The one of the customer's people the last sentence of ``text`` says the rep asked
    or spoke to; "" if none, or if it names two in that place."""
    sentence = _last_sentence(text)
    asked = _ASKED_WHOM.search(sentence)
    if asked is None:
        return ""
    name = asked.group("name")
    if name.casefold() in customers and not _AND_ANOTHER.match(sentence, asked.end()):
        return name
    return ""


_STOPS: Final = (".", "!", "?", ":", ";")
# "Asked Clare twice whether ...", "Rang Mrs Okafor about ...", "spoke to Dev at the depot":
# the person the rep put a question to, whose answer the quotation after it is.
_ASKED_WHOM: Final = re.compile(
    r"\b(?:asked|rang|called|phoned|spoke (?:to|with)|talked (?:to|with)|chatted (?:to|with)"
    r"|caught|pressed|quizzed|put it to|put the question to|checked with|followed up with"
    r"|heard (?:back )?from|(?:reply|answer|word) from"
    # "Forwarded from Helena to Oliver:", "Pasted from Janet after my call with Kyle:"
    r"|(?:forwarded|pasted|email|e-mail|message|note|text|letter)(?:[ \t]+\w+){0,2}[ \t]+from)"
    r"[ \t]+(?:(?:mr|mrs|ms|miss|dr)\.?[ \t]+)?(?P<name>(?-i:[A-Z])[\w'’-]+)",
    re.IGNORECASE,
)
# A capitalised word, without a possessive "'s" ("Femi's verdict" is Femi).
_CAPITALISED: Final = re.compile(r"\b[A-Z][\w-]*(?:['’](?![sS]\b)\w+)*")
# "Then Anna said,", "Priya just laughed and said:", "Tom's answer:": the quotation that
# follows is theirs (what follows the name, up to the quotation).
_SAYS_AFTER: Final = re.compile(
    r"(?:[ \t]+(?-i:[A-Z])[\w'’-]+)?(?:[ \t]+[a-z][\w'’-]*){0,4}?"
    r"(?:[ \t]+(?:said|says|replied|replies|answered|answers|added|adds|told (?:me|us)|wrote"
    r"|writes|put it|came back with|shot back|insisted|explained|admitted|confirmed|warned"
    r"|snapped|sighed|laughed|joked|quipped|agreed|summed (?:it|up)(?: \w+){0,2}"
    r"|was blunt|was clear|was frank)|['’]s (?:answer|reply|words|verdict|view))"
    r"\W*$",
    re.IGNORECASE,
)
_AND_ANOTHER: Final = re.compile(r"[ \t]*(?:and|&|,)[ \t]+(?-i:[A-Z])", re.IGNORECASE)


def _split_reported(text: str, customers: frozenset[str]) -> list[Segment]:
    """The rep's prose with the customer's reported words ("she says we ...") taken out:
    from the customer's name (or he/she/they) to the end of its sentence."""
    out: list[Segment] = []
    pos = 0
    while True:
        found = None
        # "Said he'll keep buying off whoever's cheapest": a sentence of the rep's that
        # opens with the reporting verb reports the customer (not "Said I'd call back").
        bare = _SUBJECTLESS.search(text, pos)
        # A named report can start before that one only if its verb is at most 80
        # characters after it: no need to look further (a long note stays linear).
        limit = bare.start("verb") + 80 if bare is not None else len(text)
        for match in _REPORTED.finditer(text, pos):
            if match.start() > limit:
                break
            words = _WORDS_BEFORE.search(text, max(pos, match.start() - 80), match.start())
            if words is None:
                continue
            offset = _reporter(words.group(), customers)
            if offset >= 0:
                found = (words.start() + offset, match.end())
                break
        unnamed = bare is not None and (found is None or bare.start("verb") < found[0])
        if bare is not None and unnamed:
            found = (bare.start("verb"), bare.end("verb"))
        if found is None:
            break
        begin, verb_end = found
        start = _sentence_start(text, begin)
        if _GUESS.search(text, start, begin) or _UNSAID.search(text, start, begin):
            # "My gut says they'll want a partnership": the rep's guess, not a report;
            # "Nothing said about how she wants to work with us": what was not said.
            end = _REPORT_END.search(text, verb_end)
            stop = end.end() if end else len(text)
            if text[pos:stop].strip():
                out.append(Segment(text[pos:stop].strip(), SPEAKER_REP, KIND_NOTE))
            pos = stop
            continue
        name = text[begin : begin + 80].split(maxsplit=1)[0].strip(".,;:'’")
        who = "" if unnamed or name.casefold() in _PRONOUNS else name
        if not unnamed and name.casefold() in ("he", "she"):
            # "Priya was on the till, she said she misses the reviews": the one person of
            # theirs the sentence names before "she" ("they" may be anyone there).
            who = _only_one(text[_sentence_start(text, begin) : begin], customers)
        end = _REPORT_END.search(text, verb_end)
        stop = end.end() if end else len(text)
        before = text[pos:begin].strip()
        said = text[begin:stop].strip()
        if len(said.split()) < 4:  # "she said so": nothing to read
            before = text[pos:stop].strip()
            said = ""
        if before:
            out.append(Segment(before, SPEAKER_REP, KIND_NOTE))
        if said:
            out.append(Segment(said, SPEAKER_CUSTOMER, KIND_REPORTED, who))
        pos = stop
    rest = text[pos:].strip()
    if rest:
        out.append(Segment(rest, SPEAKER_REP, KIND_NOTE))
    return out


# "Nothing said about how she wants ...", "no word on whether he wants ...", "she didn't
# say what she wants ...", "asked Rolf what he wants ...": the words after it were not said.
_UNSAID: Final = re.compile(
    r"\b(?:nothing|no word|not a word|no sign|no indication|no idea|never|not|\w+n't"
    r"|asked|ask|asking|wondered|wondering)\b"
    r"[^.!?\n]{0,60}?\b(?:how|what|whether|if|why|which)\s+\Z",
    re.IGNORECASE,
)


def _only_one(text: str, customers: frozenset[str]) -> str:
    """The one of the customer's people ``text`` names (by a capitalised name of theirs);
    "" if it names none, or more than one."""
    named = {
        w.group()
        for w in _CAPITALISED.finditer(text)
        if w.group().casefold() in customers and w.group().casefold() not in _PRONOUNS
    }
    return named.pop() if len(named) == 1 else ""


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts (looking back 400 characters at most, so
    that a long note without stops stays linear)."""
    floor = max(0, at - 400)
    ends = [text.rfind(mark, floor, at) for mark in (". ", "! ", "? ", "\n", "; ")]
    return max(ends) + 1 if max(ends) >= 0 else floor


def _reporter(who: str, customers: frozenset[str]) -> int:
    """Where, in the words before a reporting verb, the customer's side is named (a
    name of theirs, or he/she/they just before the verb); -1 if it is not."""
    low = who.casefold().replace("’", "'")
    pos = 0
    spans = []
    for word in low.split():
        at = low.index(word, pos)
        spans.append((word.strip(".,'-"), at))
        pos = at + len(word)
    if not spans:
        return -1
    for k, (word, at) in enumerate(spans):
        # The name right before the verb, or followed by where they are from: "hank at
        # blue ridge says" (not "word from jessica on how she wants").
        if word in customers and (
            k == len(spans) - 1
            or spans[k + 1][0] in _PLACE_WORDS
            or all(w in _ASIDE_WORDS for w, _ in spans[k + 1 :])
        ):
            return at
    word, at = spans[-1]
    return at if word in _PRONOUNS else -1


# A "Name:" line that is the rep's note about that person ('Anders: 24 nodes shipped two
# versions old. Very calm. "I want the RMA inside SLA." I offered him a named contact.'):
# a whole sentence of eight words or more in which nobody says "I" or "we" (those would be
# the person's own words), then a quotation of three words or more.
_FIRST_PERSON: Final = re.compile(
    r"\b(?:i|we|my|our|me|us|i'm|we're|i've|we've|i'll|we'll)\b", re.I
)
_OPEN_DOUBLE: Final = re.compile(r"[\"“]")
_CLOSE_DOUBLE: Final = re.compile(r"[\"”]")
_SENTENCE_BEFORE: Final = re.compile(r"[.!?](?:\s|$)")
_NOTE_SENTENCE: Final = re.compile(r"(?<=[.!?])\s+")


def _note_about(text: str) -> bool:
    opening = _OPEN_DOUBLE.search(text)
    if opening is None:
        return False
    before = text[: opening.start()]
    if not _SENTENCE_BEFORE.search(before) or len(before.split()) < 8:
        return False
    if _FIRST_PERSON.search(before):
        return False
    closing = _CLOSE_DOUBLE.search(text, opening.end())
    return closing is not None and len(text[opening.end() : closing.start()].split()) >= 3


def _turn_segments(
    text: str, name: str, our_side: frozenset[str], customers: frozenset[str]
) -> list[Segment]:
    """A customer's "Name: ..." line. When it opens with a quotation that closes before
    the line ends ('Rupert: "Please send the loss runs." Nothing on whether he wants
    it marketed.'), the words after the quotation are the rep's, and a 'Name: "..."'
    among them is that person's."""
    out: list[Segment] = []
    name = _LEADING_FROM.sub("", name)  # "From Luca: ..." is Luca's
    while True:
        quoted = _OPENING_QUOTE.match(text)
        if quoted is None and _note_about(text):
            # 'Anders: 24 nodes shipped two versions old. "I want the RMA inside SLA." I
            # offered him a named contact. "Appreciate the thought, but no."': the rep's
            # note about Anders, with his words in quotation marks.
            for seg in _split_prose(text, customers):
                if seg.speaker != SPEAKER_REP:
                    out.append(Segment(seg.text, seg.speaker, seg.kind, seg.who or name))
                    continue
                # What the note says without "I" or "we" is what the person said or did,
                # as the rep reports it; "I offered him ..." is the rep's own doing.
                for sentence in _NOTE_SENTENCE.split(seg.text):
                    if not sentence.strip():
                        continue
                    if _FIRST_PERSON.search(sentence):
                        out.append(Segment(sentence, SPEAKER_REP, KIND_NOTE))
                    else:
                        out.append(Segment(sentence, SPEAKER_CUSTOMER, KIND_REPORTED, name))
            return out
        if quoted is None:
            out.append(Segment(text, SPEAKER_CUSTOMER, KIND_TURN, name))
            return out
        said = (quoted.group(1) or quoted.group(2) or quoted.group(3) or "").strip()
        if said:
            out.append(Segment(said, SPEAKER_CUSTOMER, KIND_TURN, name))
        rest = text[quoted.end() :].strip()
        if not rest:
            return out
        nxt = _INLINE_TURN.match(rest)
        if nxt is None or not _is_speaker(nxt.group("name")):
            out.extend(_split_prose(rest, customers))
            return out
        name, text = nxt.group("name"), nxt.group("text")
        if name.casefold() in _REP_NAMES or _ours(name, our_side):
            out.extend(_split_prose(text, customers))  # the rep's own words, quoted
            return out


_LEADING_FROM: Final = re.compile(r"^from\s+(?=\S)", re.IGNORECASE)
_NEAR_QUOTE: Final = 300  # characters before a quotation that say whose it is


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Where the quotations in ``text`` start and end, found as the notes are cut into
    who said what."""
    return [match.span() for match in _QUOTE.finditer(text)]


def _split_quotes(text: str) -> list[Segment]:
    """The rep's prose with the customer's quoted words taken out as their own segments
    (a quotation right after "Name:" is that person's)."""
    out: list[Segment] = []
    pos = 0
    for match in _QUOTE.finditer(text):
        before = text[pos : match.start()]
        # The words just before the quotation: what it is tested against (the patterns
        # end there, and a note of quoted single words would otherwise be read again and
        # again from its start).
        near = text[max(pos, match.start() - _NEAR_QUOTE) : match.start()]
        off = len(before) - len(near)
        quoted = (
            match.group(1)
            or match.group(2)
            or match.group(3)
            or match.group(4)
            or match.group(5)
            or match.group(6)
            or ""
        ).strip()
        if _SELF_QUOTE.search(near) or len(quoted.split()) < 2:
            continue  # the rep quoting themselves, or a single quoted word ("Trust")
        if _PUBLISHED.search(near):
            continue  # 'Their website says "family values"': nobody said it to the rep
        if _COLLEAGUE_FIELD.search(near):
            continue  # "Alan's CRM field reads 'Relationship buyer'": a colleague's note
        if _MENTIONED.search(near) and len(quoted.split()) <= 4 and not _SAID_END.search(quoted):
            continue  # a phrase named, not said: 'the "long-term partnership" bit'

        # A whole line in single quotes, lower case and all (a voice note's transcript
        # pasted under "Transcript:"), is someone's words as much as a capitalised one.
        whole_line = not near.strip(" \t") or near.rstrip(" \t").endswith(("\n", ":"))
        if match.group(3) and not (
            len(quoted.split()) >= 3
            and (
                quoted[0].isupper()
                or _SAYS_BEFORE.search(near)
                or (whole_line and len(quoted.split()) >= 6)
            )
        ):
            continue  # 'scare quotes' of the rep's own ("down as 'strategic, wants a partner'")
        who = ""
        named = _NAMED_BEFORE.search(near)
        # "Visited. Shirley, for herself:" names Shirley, "Dr. Okafor:" Okafor, and
        # "... his mother in Caserta. Then:" nobody.
        if named and _object_of(near[: named.end("name") - len(_last_name(named))]):
            named = None  # "... my call with Kyle:", "from Helena to Oliver, cc me:"
        if named and _prose_of_ours(named):
            named = None  # "Pasting it because I want to remember it:": the rep's sentence
        if named and _is_speaker(named.group("name").rsplit(". ", 1)[-1]):
            who = named.group("name").rsplit(". ", 1)[-1]
            before = before[: off + named.start()] + named.group("name")[: -len(who)]
            tag = named.group(0)[named.end("name") - named.start() :]
            if who.endswith(_POSSESSIVE) and any(c.isalpha() for c in tag):
                who = who[:-2]  # "Mark's reply by email:" is Mark's
        if who.casefold() in _REP_NAMES:
            continue  # "Me: "..."": the rep's own words stay in the prose
        if who and _speaks_of(quoted, who):
            who = ""  # "Asked if he'd talked to Alan. 'Alan hasn't said boo.'": not Alan's
        if before.strip():
            out.append(Segment(before.strip(), SPEAKER_REP, KIND_NOTE))
        out.append(Segment(quoted, SPEAKER_CUSTOMER, KIND_QUOTE, who))
        pos = match.end()
    rest = text[pos:].strip()
    if rest:
        out.append(Segment(rest, SPEAKER_REP, KIND_NOTE))
    return out


_POSSESSIVE: Final = ("'s", "’s")
# A colleague's note quoted: "Martin's handover: '...'", "Alan's CRM field reads '...'".
_COLLEAGUE_FIELD: Final = re.compile(
    r"(?:\b\w+(?:'s|’s)\s+(?:hand-?over|crm|account\s+notes?|write-?up|briefing)"
    r"|\bhand-?over\s+from\s+\w+|\b" + _CRM_FIELD + r")\b[^.!?\n]{0,25}$",
    re.IGNORECASE,
)


def _speaks_of(quoted: str, who: str) -> bool:
    """Whether ``quoted`` opens by naming ``who`` as its subject ("Alan hasn't said a
    word", "Alan's away"), not by calling to them ("Alan, listen")."""
    first = who.split()[0]
    head = quoted.lstrip(" \t\"'“‘")
    if not head.casefold().startswith(first.casefold()):
        return False
    after = head[len(first) :]
    return bool(after) and not after.startswith(",") and (after[0].isspace() or after[0] in "'’")


def _prose_of_ours(named: re.Match[str]) -> bool:
    """Whether a "Name ...:" before a quotation is the rep's own sentence ending in a colon
    ("I want to remember it:", "we got this back:") rather than a tag for the rep's words
    ("Me:", "I said:", "Me again:")."""
    if _last_name(named).casefold() not in _REP_NAMES:
        return False
    tag = named.group(0)[named.end("name") - named.start() :]
    words = re.findall(r"[a-z][\w'’-]*", tag.casefold())
    return bool(words) and not _SAYING_WORDS.intersection(words)


_SAYING_WORDS: Final = frozenset(
    "said say says saying replied reply wrote write told tell asked ask answered answer added "
    "again texted emailed offered suggested explained".split()
)


def _last_name(named: re.Match[str]) -> str:
    return named.group("name").rsplit(". ", 1)[-1]


def _object_of(before: str) -> bool:
    """Whether the words before a name make it the object of a preposition ("after my
    call with Kyle:", "forwarded from Helena to Oliver:"): whoever speaks next, the
    name is not a speaker's tag (but "this from Gwelf, his exact note:" is Gwelf's)."""
    words = before.split()
    return bool(words) and words[-1].casefold() in _PREPOSITIONS


_PREPOSITIONS: Final = frozenset(
    "with to for by of at about after before behind via cc and or between".split()
)


# Words that open a sentence and are no one's name: 'Then: "Price is important ..."'.
_DISCOURSE: Final = frozenset(
    "then and but so also later afterwards after before when while once until finally next now "
    "again still plus anyway "
    "meanwhile overall eventually first second third lastly direct quote verbatim "
    # "For lashing gear and spares: '...'": what it is about, not who says it
    "for about on re regarding as concerning "
    # "Pasting his reply: '...'": the rep's doing, not a name
    "pasting pasted forwarding forwarded copying copied quoting attaching here's here "
    # "At the end: '...'", "From the other partner: '...'"
    "at from".split()
)


def _names_account(name: str, account: str, customers: frozenset[str]) -> bool:
    """Whether a "Name:" heading names the account rather than someone speaking: a
    possessive ("Duckett's:") or the account's own first word ("Ostrander:" in Ostrander
    Creative Media's notes), unless one of the customer's people goes by that name."""
    low = " ".join(name.casefold().split())
    if low.endswith(("'s", "’s")):
        return True
    words = account.casefold().split()
    if not words or low in customers or low.split()[0] in customers:
        return False
    first = words[0].removesuffix("'s").removesuffix("’s")
    return low.split()[0] == first


def _is_speaker(name: str) -> bool:
    low = " ".join(name.casefold().split())
    return (
        low not in _DISCOURSE
        and low not in _PRONOUNS  # "He was short with me: '...'" names nobody
        and low not in _LABELS
        and low not in _HEADINGS
        and low.split()[0] not in _LABELS
        and not low.isdigit()
    )


# A note that says the chat pasted in it is the rep's own: "Pasting what I sent, no reply
# so far:", "my WhatsApps to him:", "the messages I sent".
_SENT_BY_US: Final = re.compile(
    r"\b(?:what|the\s+messages?|the\s+texts?)\s+i\s+(?:sent|wrote|messaged)\b"
    r"|\bmy\s+(?:own\s+)?(?:messages?|texts?|whatsapps?|chats?)\s+(?:to|so\s+far)\b",
    re.IGNORECASE,
)


def _ours(name: str, our_side: frozenset[str]) -> bool:
    low = name.casefold()
    return low in our_side or low.split()[0] in our_side
