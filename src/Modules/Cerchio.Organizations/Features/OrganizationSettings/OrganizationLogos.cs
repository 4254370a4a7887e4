using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Text;
using Cerchio.Ui.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Organizations.Features.OrganizationSettings;

/// <summary>The organization's logo: replaced or removed from the organization's page, served publicly to its customers' pages.</summary>
internal static class OrganizationLogos
{
    /// <summary>
    /// Public: the survey page a customer opens belongs to no session. The address holds the logo's version, so a
    /// browser or a proxy keeps it for a year and a new logo gets a new address.
    /// </summary>
    // Parameter names of their own: the test harnesses fill route parameters by name from every kind of record.
    public const string Route = "/logo/{logoOrganizationId:guid}/{logoVersion:long}";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Route, async (Guid logoOrganizationId, long logoVersion, HttpContext context, CerchioDb db, CancellationToken ct) =>
        {
            var logo = await db.Set<OrganizationLogo>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.OrganizationId == logoOrganizationId, ct);
            if (logo is null)
            {
                return Results.NotFound();
            }

            // An older version's address gets today's logo, but only for a short while: it is not the image it names.
            var current = logo.UpdatedAt.ToUnixTimeMilliseconds() == logoVersion;
            return UploadedImage.Serve(context, logo.Content, logo.ContentType, current ? "public, max-age=31536000, immutable" : "public, no-cache");
        }).AllowAnonymous();

    /// <summary>
    /// Replaces the current organization's logo with <paramref name="content"/> (checked: PNG, JPEG or WebP within
    /// <see cref="OrganizationLogo.MaxBytes"/>), or removes it; the caller saves.
    /// </summary>
    public static async Task<Errors> ChangeAsync(CerchioDb db, Guid organizationId, byte[]? content, bool remove, DateTimeOffset now, CancellationToken ct = default)
    {
        var errors = new Errors();
        var logo = await db.Set<OrganizationLogo>().FirstOrDefaultAsync(ct);
        if (content is not null)
        {
            var type = UploadedImage.TypeOf(content);
            if (content.Length > OrganizationLogo.MaxBytes)
            {
                return errors.Add("Logo", "Il logo supera il limite di {0} KB.", OrganizationLogo.MaxBytes / 1024);
            }

            if (type is null)
            {
                return errors.Add("Logo", "Il logo deve essere un'immagine PNG, JPEG o WebP.");
            }

            if (logo is null)
            {
                db.Add(logo = new OrganizationLogo { OrganizationId = organizationId });
            }

            (logo.Content, logo.ContentType, logo.UpdatedAt) = (content, type, now);
        }
        else if (remove && logo is not null)
        {
            db.Remove(logo);
        }
        else if (!remove)
        {
            errors.Add("Logo", "Scegli un'immagine per il logo.");
        }

        return errors;
    }
}
