using Cerchio.Data.Outbox;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Desk;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Tenancy;
using Cerchio.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Service.Features.Mentions;

/// <summary>
/// Tells the people a note mentions: a notification in the app and an email through the outbox, each in their own
/// language, added to the note's own pending changes so that both are stored with it or not at all.
/// </summary>
internal sealed class MentionNotices(
    DeskDirectory directory, INotifications notifications, EmailOutbox outbox, IOptions<SmtpSettings> smtp, OrganizationContext tenant, Loc l)
{
    public const string Title = "{0} ti ha menzionato nella pratica #{1}: {2}";

    /// <summary>Returns who was told (the author never is, nor anyone outside the organization).</summary>
    public async Task<IReadOnlyList<MemberContact>> NotifyAsync(Case noted, CaseEntry note, CancellationToken ct = default)
    {
        var mentioned = MentionText.Find(note.Text, await directory.MembersAsync(ct)).Select(m => m.UserId).Distinct().ToList();
        if (mentioned.Count == 0)
        {
            return [];
        }

        var author = AuthorName(tenant.ActorName);
        var link = $"{CaseDesk.PageOf(noted.Number)}#entry-{note.Id}";
        var told = await notifications.AddAsync(
            new NewNotification(NotificationKind.Mention, link, Title, author, noted.Number, noted.Subject), mentioned, ct);
        var from = MailboxAddress.Parse(smtp.Value.From);
        foreach (var person in told)
        {
            outbox.Queue(Loc.In(person.Language, () => Email(noted, note, person, author, link, from)), relatedId: note.Id);
        }

        return told;
    }

    private MimeMessage Email(Case noted, CaseEntry note, MemberContact person, string author, string link, MailboxAddress from)
    {
        var subject = l.F(Title, author, noted.Number, noted.Subject);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(person.Name, person.Email));
        message.Subject = subject;
        message.Body = new TextPart("plain")
        {
            Text = string.Join("\n", subject, "", note.Text, "", l.F("Apri la pratica in Cerchio: {0}", link)),
        };
        return message;
    }

    /// <summary>The name people know, without the account the audit log adds ("Anna Verdi &lt;anna@…&gt;").</summary>
    public static string AuthorName(string? actor) =>
        string.IsNullOrWhiteSpace(actor) ? "Cerchio" : actor.Split(" <", 2)[0];
}
