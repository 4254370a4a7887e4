using Cerchio.Text;
using Microsoft.AspNetCore.Identity;

namespace Cerchio.Web.Auth;

/// <summary>Identity's messages in the person's language (Italian source texts, translated by Loc).</summary>
internal sealed class ItalianIdentityErrors(Loc l) : IdentityErrorDescriber
{
    private IdentityError E(string code, string italian, params object[] args) => new() { Code = code, Description = l.F(italian, args) };

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), "La password deve avere almeno {0} caratteri.", length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "La password deve contenere almeno una cifra.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "La password deve contenere almeno una lettera minuscola.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "La password deve contenere almeno una lettera maiuscola.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "L'email {0} è già registrata.", email);
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "L'email {0} è già registrata.", userName);
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "L'email {0} non è valida.", email ?? "");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "L'email {0} non è valida.", userName ?? "");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "La password attuale non è corretta.");
}
