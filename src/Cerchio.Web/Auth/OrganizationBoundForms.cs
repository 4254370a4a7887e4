using Cerchio.Tenancy;
using Microsoft.AspNetCore.Antiforgery;

namespace Cerchio.Web.Auth;

/// <summary>
/// Binds every form to the organization it was rendered for. A consultant with two tabs who switches organization
/// in one would otherwise save the other tab's form into the organization just switched to; now that post fails
/// the antiforgery check and nothing is written.
/// </summary>
internal sealed class OrganizationBoundForms : IAntiforgeryAdditionalDataProvider
{
    public string GetAdditionalData(HttpContext context) =>
        context.RequestServices.GetRequiredService<OrganizationContext>().OrganizationId?.ToString() ?? "";

    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        string.Equals(additionalData, GetAdditionalData(context), StringComparison.Ordinal);
}
