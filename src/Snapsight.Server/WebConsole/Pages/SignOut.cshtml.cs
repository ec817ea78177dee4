using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>Sign-out is a form post (with the antiforgery token), so a link elsewhere cannot sign a user out.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.Scheme).ConfigureAwait(false);
        return RedirectToPage("/SignIn");
    }
}
