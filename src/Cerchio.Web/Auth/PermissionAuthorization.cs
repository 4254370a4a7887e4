using Cerchio.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Cerchio.Web.Auth;

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>A page or endpoint that names a permission is allowed when the member's role in the current organization grants it.</summary>
internal sealed class PermissionHandler(OrganizationContext tenant) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (tenant.Can(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
