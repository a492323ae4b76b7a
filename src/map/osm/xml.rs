//! OSM XML (API 0.6 as written by the OSM website's Export, Overpass, JOSM and osmium).
//!
//! Elements marked `action="delete"` or `visible="false"` (JOSM, history) are counted but not
//! used. An Overpass `<remark>` that reports an error (e.g. a timeout) means the answer is
//! incomplete, so it is an error here.

use std::io::{BufReader, Read};
use std::str::FromStr;

use anyhow::{Context, anyhow, bail};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{RawOsm, Way, checked_coord, is_traffic_signals, turn_restriction};

/// A relation as read, before it is looked at.
#[derive(Default)]
struct XmlRelation {
    id: i64,
    members: Vec<(char, i64, String)>,
    tags: Vec<(String, String)>,
}

pub(super) fn looks_like_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    text.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}

pub(super) fn read<R: Read>(input: R) -> anyhow::Result<RawOsm> {
    let mut reader = Reader::from_reader(BufReader::new(input));
    let mut buf = Vec::new();
    let mut parser = Parser::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| anyhow!("malformed XML at byte {}: {e}", reader.error_position()))?;
        let at = reader.buffer_position();
        let done = matches!(event, Event::Eof);
        parser
            .event(event)
            .with_context(|| format!("in the OSM XML before byte {at}"))?;
        if done {
            return Ok(parser.raw);
        }
        buf.clear();
    }
}

#[derive(Default)]
struct Parser {
    raw: RawOsm,
    /// Open elements, including `<osm>`.
    depth: usize,
    root_seen: bool,
    root_closed: bool,
    /// The way being read, and whether it is deleted.
    way: Option<(Way, bool)>,
    /// The node being read (not deleted), and its tags.
    node: Option<(i64, Vec<(String, String)>)>,
    /// The relation being read (not deleted): its id, members and tags.
    relation: Option<XmlRelation>,
    remark: Option<String>,
}

impl Parser {
    fn event(&mut self, event: Event<'_>) -> anyhow::Result<()> {
        match event {
            Event::Start(e) => {
                self.open(&e)?;
                self.depth += 1;
            }
            Event::Empty(e) => {
                self.open(&e)?;
                self.close(e.name().as_ref())?;
            }
            Event::End(e) => {
                self.depth = self.depth.checked_sub(1).context("unmatched end tag")?;
                self.close(e.name().as_ref())?;
            }
            Event::Text(t) => {
                if let Some(remark) = &mut self.remark {
                    remark.push_str(&t.decode()?);
                }
            }
            Event::Eof => {
                if !self.root_seen {
                    bail!("no <osm> element: this is not OSM XML");
                }
                if !self.root_closed {
                    bail!("the XML ends before </osm>: the file is truncated");
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, e: &BytesStart<'_>) -> anyhow::Result<()> {
        let name = e.name();
        let name = name.as_ref();
        if self.depth == 0 {
            if self.root_closed {
                bail!("content after </osm>");
            }
            if name != b"osm" {
                bail!(
                    "not OSM XML: the root element is <{}>, expected <osm>",
                    String::from_utf8_lossy(name)
                );
            }
            self.root_seen = true;
            return Ok(());
        }
        match (self.depth, name) {
            (1, b"node") => {
                self.raw.counts.nodes += 1;
                let id: i64 = number(e, "node", b"id")?;
                if !is_deleted(e)? {
                    let lat = number(e, "node", b"lat").with_context(|| format!("node {id}"))?;
                    let lon = number(e, "node", b"lon").with_context(|| format!("node {id}"))?;
                    self.raw.nodes.push((id, checked_coord(id, lat, lon)?));
                    self.node = Some((id, Vec::new()));
                }
            }
            (1, b"way") => {
                self.raw.counts.ways += 1;
                let way = Way {
                    id: number(e, "way", b"id")?,
                    nodes: Vec::new(),
                    tags: Vec::new(),
                };
                self.way = Some((way, is_deleted(e)?));
            }
            (1, b"relation") => {
                self.raw.counts.relations += 1;
                let id: i64 = number(e, "relation", b"id")?;
                if !is_deleted(e)? {
                    self.relation = Some(XmlRelation {
                        id,
                        ..XmlRelation::default()
                    });
                }
            }
            (2, b"member") => {
                if let Some(r) = &mut self.relation {
                    let at = || format!("relation {}", r.id);
                    let kind = text(e, "member", b"type").with_context(at)?;
                    let id = number(e, "member", b"ref").with_context(at)?;
                    // A member without a role has none to play in a restriction.
                    let role = text(e, "member", b"role").unwrap_or_default();
                    r.members
                        .push((kind.chars().next().unwrap_or(' '), id, role));
                }
            }
            (1, b"remark") => self.remark = Some(String::new()),
            (2, b"nd") => {
                if let Some((way, _)) = &mut self.way {
                    let node =
                        number(e, "nd", b"ref").with_context(|| format!("way {}", way.id))?;
                    way.nodes.push(node);
                }
            }
            (2, b"tag") => {
                if let Some((way, _)) = &mut self.way {
                    let key = text(e, "tag", b"k").with_context(|| format!("way {}", way.id))?;
                    let value = text(e, "tag", b"v").with_context(|| format!("way {}", way.id))?;
                    way.tags.push((key, value));
                } else if let Some((id, tags)) = &mut self.node {
                    let key = text(e, "tag", b"k").with_context(|| format!("node {id}"))?;
                    let value = text(e, "tag", b"v").with_context(|| format!("node {id}"))?;
                    tags.push((key, value));
                } else if let Some(r) = &mut self.relation {
                    let at = || format!("relation {}", r.id);
                    let key = text(e, "tag", b"k").with_context(at)?;
                    let value = text(e, "tag", b"v").with_context(at)?;
                    r.tags.push((key, value));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Called for every element end; `self.depth` is already the depth outside it.
    fn close(&mut self, name: &[u8]) -> anyhow::Result<()> {
        match (self.depth, name) {
            (0, _) => self.root_closed = true,
            (1, b"relation") => {
                if let Some(r) = self.relation.take() {
                    let tags = r.tags.iter().map(|(k, v)| (k.as_str(), v.as_str()));
                    let members =
                        (r.members.iter()).map(|(kind, id, role)| (*kind, *id, role.as_str()));
                    self.raw
                        .restrictions
                        .extend(turn_restriction(r.id, tags, members));
                }
            }
            (1, b"node") => {
                if let Some((id, tags)) = self.node.take() {
                    let tags_iter = tags.iter().map(|(k, v)| (k.as_str(), v.as_str()));
                    if is_traffic_signals(tags_iter.clone()) {
                        self.raw.traffic_signals.push(id);
                    }
                    if tags_iter.clone().any(|(k, _)| k == "barrier") {
                        self.raw.barriers.push((id, tags));
                    }
                }
            }
            (1, b"way") => {
                if let Some((way, deleted)) = self.way.take()
                    && !deleted
                    && way.tags.iter().any(|(k, _)| k == "highway")
                {
                    self.raw.counts.highway_ways += 1;
                    self.raw.ways.push(way);
                }
            }
            (1, b"remark") => {
                let remark = self.remark.take().unwrap_or_default();
                if remark.contains("error") {
                    bail!("Overpass reported: {}", remark.trim());
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn text(e: &BytesStart<'_>, element: &str, key: &[u8]) -> anyhow::Result<String> {
    let key_name = String::from_utf8_lossy(key);
    let attr = e
        .try_get_attribute(key)
        .map_err(|err| anyhow!("<{element}>: bad attribute: {err}"))?
        .ok_or_else(|| anyhow!("<{element}> has no {key_name}=\"...\" attribute"))?;
    let value = attr
        .unescape_value()
        .map_err(|err| anyhow!("<{element}> {key_name}: {err}"))?;
    Ok(value.into_owned())
}

fn number<T: FromStr>(e: &BytesStart<'_>, element: &str, key: &[u8]) -> anyhow::Result<T> {
    let value = text(e, element, key)?;
    value.trim().parse().map_err(|_| {
        anyhow!(
            "<{element}> {}=\"{value}\" is not a number",
            String::from_utf8_lossy(key)
        )
    })
}

fn is_deleted(e: &BytesStart<'_>) -> anyhow::Result<bool> {
    let attr = |key: &[u8]| -> anyhow::Result<Option<String>> {
        match e.try_get_attribute(key) {
            Ok(Some(a)) => Ok(Some(String::from_utf8_lossy(&a.value).into_owned())),
            Ok(None) => Ok(None),
            Err(err) => Err(anyhow!("bad attribute: {err}")),
        }
    };
    Ok(attr(b"action")?.as_deref() == Some("delete")
        || attr(b"visible")?.as_deref() == Some("false"))
}
