

def test_relative_links_match_posixpath_relpath():
    import itertools
    import posixpath

    from chronicle.render import relative
    uris = ["index.md", "events/a.md", "regions/kyiv.md", "regions/kyiv/2025.md", "regions/kyiv/2025-06.md",
            "chronology/index.md", "data/index.md", "feed.xml", "regions/kyivx.md", "actors/a/b/c.md"]
    for page, target in itertools.product(uris, repeat=2):
        assert relative(page, target) == posixpath.relpath(target, posixpath.dirname(page) or "."), (page, target)
    assert relative("events/a.md", "events/b.md#sources") == "b.md#sources"
