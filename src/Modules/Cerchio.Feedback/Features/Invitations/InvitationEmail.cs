using System.Globalization;
using System.Net;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Text;
using MimeKit;

namespace Cerchio.Feedback.Features.Invitations;

/// <summary>
/// The invitation email: the score question with every score a link that answers it in one click, the link to the
/// page, and an unsubscribe link that works in one click (and the List-Unsubscribe headers mail clients show as a
/// button, RFC 8058). Written in the respondent's language.
/// </summary>
internal static class InvitationEmail
{
    public static string UnsubscribePathOf(string token) => $"{Respondent.InvitationPathOf(token)}/disiscrivi";

    public static MimeMessage Build(Survey survey, SurveyTexts texts, SurveyInvitation invitation, string token, string publicUrl, MailboxAddress from, Loc l) =>
        Loc.In(invitation.Language, () =>
        {
            var lang = invitation.Language;
            var baseUrl = publicUrl.TrimEnd('/');
            var page = baseUrl + Respondent.InvitationPathOf(token);
            var unsubscribe = baseUrl + UnsubscribePathOf(token);
            var (min, max) = survey.Scale;
            var question = texts.Question.In(lang, survey.Brand);

            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(survey.Brand, from.Address));
            message.To.Add(new MailboxAddress(invitation.Name ?? "", invitation.Email ?? throw new InvalidOperationException("An email invitation without an address is skipped, never built.")));
            message.Subject = l.F("{0}: com'è andata? Ci basta un clic", survey.Brand);
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

            var greeting = string.IsNullOrWhiteSpace(invitation.Name) ? l["Buongiorno,"] : l.F("Gentile {0},", invitation.Name);
            var about = invitation.CaseNumber is { } number ? l.F("abbiamo chiuso la tua richiesta n. {0} e vorremmo sapere com'è andata.", number) : l["vorremmo sapere com'è andata."];
            var scores = Enumerable.Range(min, max - min + 1).Select(v => (Value: v, Url: $"{page}?punteggio={v.ToString(CultureInfo.InvariantCulture)}")).ToList();
            var text = $"""
                {greeting}

                {about}

                {question}
                {string.Join("\n", scores.Select(s => $"{s.Value}: {s.Url}"))}
                ({min} = {texts.LowLabel.In(lang, survey.Brand)}, {max} = {texts.HighLabel.In(lang, survey.Brand)})

                {l["Basta un clic sul punteggio: poi, se vuoi, ci dici perché."]}

                -- 
                {survey.Brand}
                {l["Non vuoi più ricevere sondaggi? Un clic qui:"]} {unsubscribe}
                """;

            string E(string s) => WebUtility.HtmlEncode(s);
            var cells = string.Concat(scores.Select(s =>
                $"<td style=\"padding:2px\"><a href=\"{E(s.Url)}\" style=\"display:inline-block;min-width:36px;padding:10px 0;text-align:center;border:2px solid {E(survey.Color)};border-radius:6px;color:#1d1d1f;text-decoration:none;font-weight:bold\">{s.Value}</a></td>"));
            var html = $"""
                <!DOCTYPE html><html lang="{E(lang)}"><body style="font-family:system-ui,sans-serif;color:#1d1d1f;max-width:600px">
                <p>{E(greeting)}</p>
                <p>{E(about)}</p>
                <p style="font-size:18px;font-weight:bold">{E(question)}</p>
                <table role="presentation" style="border-collapse:collapse"><tr>{cells}</tr></table>
                <p style="font-size:13px;color:#424245">{min} = {E(texts.LowLabel.In(lang, survey.Brand))} · {max} = {E(texts.HighLabel.In(lang, survey.Brand))}</p>
                <p>{E(l["Basta un clic sul punteggio: poi, se vuoi, ci dici perché."])}</p>
                <p style="font-size:13px;color:#424245">{E(survey.Brand)} · <a href="{E(unsubscribe)}">{E(l["Non voglio più ricevere sondaggi"])}</a></p>
                </body></html>
                """;
            message.Body = new MultipartAlternative { new TextPart("plain") { Text = text }, new TextPart("html") { Text = html } };
            return message;
        });
}
