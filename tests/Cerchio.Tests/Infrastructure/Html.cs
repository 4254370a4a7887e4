using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Cerchio.Tests.Infrastructure;

/// <summary>Reads the server-rendered HTML and submits its forms the way a browser would (antiforgery token included).</summary>
public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(content).Address(response.RequestMessage!.RequestUri!));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} returned {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>GETs the page, finds the form with the given handler name, fills the fields and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await GetAsync(client, url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");
        return await PostFormAsync(client, form, fields);
    }

    /// <summary>
    /// Like <see cref="SubmitFormAsync(HttpClient, string, string, Dictionary{string, string})"/> for forms with fields that
    /// repeat (check boxes): the values given for a name replace all of the form's, and the names in <paramref name="clear"/> are left out.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormWithAsync(HttpClient client, string url, string formName, IEnumerable<(string Name, string Value)> set, params string[] clear)
    {
        var page = await GetAsync(client, url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");
        var given = set.ToList();
        var values = FormValues(form).Where(v => !clear.Contains(v.Key) && given.All(g => g.Name != v.Key))
            .Concat(given.Select(g => new KeyValuePair<string, string>(g.Name, g.Value))).ToList();
        return await client.PostAsync(new Uri(new Uri(form.Owner!.Url), form.GetAttribute("action") ?? "").PathAndQuery, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// The form as a browser sends it with files chosen: multipart, its fields as rendered with <paramref name="set"/>
    /// replacing theirs (and <paramref name="add"/> beside them: ticked boxes), the files under its file input's name.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitMultipartAsync(
        HttpClient client, string url, string formName, Dictionary<string, string> set, IEnumerable<(string Name, byte[] Content)> files, params (string Name, string Value)[] add)
    {
        var page = await GetAsync(client, url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == formName)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");
        if (form.GetAttribute("enctype") != "multipart/form-data")
        {
            throw new InvalidOperationException($"The form '{formName}' on {url} does not send files.");
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in FormValues(form).Where(v => !set.ContainsKey(v.Key)).Concat(set).Concat(add.Select(a => new KeyValuePair<string, string>(a.Name, a.Value))))
        {
            content.Add(new StringContent(value, System.Text.Encoding.UTF8), name);
        }

        var input = form.QuerySelector<IHtmlInputElement>("input[type=file]")!.GetAttribute("name")!;
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, input, name);
        }

        return await client.PostAsync(new Uri(new Uri(form.Owner!.Url), form.GetAttribute("action") ?? "").PathAndQuery, content);
    }

    /// <summary>A post of fields the page does not offer (a form it does not draw for this person), with the antiforgery token a browser would have.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await GetAsync(client, url);
        fields["__RequestVerificationToken"] = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a browser would send for the form as rendered: every named field, checked boxes only, a name as often as it occurs.</summary>
    /// <param name="fillEmpty">Put a placeholder in empty text fields, to get past "required" checks.</param>
    public static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, bool fillEmpty = false)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            // A browser sends nothing for a disabled field.
            if (element.HasAttribute("disabled") || element.Closest("fieldset[disabled]") is not null)
            {
                continue;
            }

            var name = element.GetAttribute("name")!;
            string? value = element switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio" } box => box.IsChecked ? box.Value : null,
                IHtmlInputElement { Type: "file" or "submit" or "button" } => null,
                IHtmlInputElement input => fillEmpty && string.IsNullOrEmpty(input.Value) ? "Valore di prova" : input.Value,
                IHtmlSelectElement select => select.Value ?? "",
                IHtmlTextAreaElement area => area.Value,
                _ => null,
            };
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }

        return values;
    }

    /// <summary>The redirect target as a site path ("/x?y"), whether the server wrote it absolute or relative.</summary>
    public static string? LocationPath(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlFormElement form, Dictionary<string, string> fields)
    {
        var values = FormValues(form).Where(v => !fields.ContainsKey(v.Key)).Concat(fields).ToList();

        // Resolved against the document's URL; no action posts back to the document itself, as browsers do.
        var action = new Uri(new Uri(form.Owner!.Url), form.GetAttribute("action") ?? "");
        return await client.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(values));
    }
}
