//! Reads an `.osm.pbf` file in batches of blocks, decompressing and decoding each batch in
//! parallel (rayon) while keeping the file order, so that memory stays at two batches.

use std::path::Path;

use anyhow::{Context, bail};
use osmpbf::{Blob, BlobDecode, BlobReader, PrimitiveBlock};
use rayon::prelude::*;

/// Blocks decoded at once: enough to keep every core busy, small enough to stay a few MB.
const BATCH: usize = 8;

/// Header features this reader understands (others make the file unreadable for us).
const KNOWN_FEATURES: [&str; 2] = ["OsmSchema-V0.6", "DenseNodes"];

/// Calls `f` with each batch of decoded data blocks, in file order. The next batch is read and
/// decoded while `f` works on the current one.
pub fn for_each_batch<F>(path: &Path, mut f: F) -> anyhow::Result<()>
where
    F: FnMut(Vec<PrimitiveBlock>) -> anyhow::Result<()> + Send,
{
    let mut reader =
        BlobReader::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut next_batch = || -> anyhow::Result<Option<Vec<PrimitiveBlock>>> {
        let blobs: Vec<Blob> = reader
            .by_ref()
            .take(BATCH)
            .collect::<Result<_, _>>()
            .with_context(|| format!("{} is not a valid .osm.pbf file", path.display()))?;
        if blobs.is_empty() {
            return Ok(None);
        }
        let blocks: Vec<Option<PrimitiveBlock>> = blobs
            .par_iter()
            .map(|blob| decode(blob, path))
            .collect::<anyhow::Result<_>>()?;
        Ok(Some(blocks.into_iter().flatten().collect()))
    };
    let mut current = next_batch()?;
    while let Some(blocks) = current {
        let (next, done) = rayon::join(&mut next_batch, || f(blocks));
        done?;
        current = next?;
    }
    Ok(())
}

fn decode(blob: &Blob, path: &Path) -> anyhow::Result<Option<PrimitiveBlock>> {
    let decoded = blob
        .decode()
        .with_context(|| format!("{}: cannot decode a block", path.display()))?;
    match decoded {
        BlobDecode::OsmData(block) => Ok(Some(block)),
        BlobDecode::OsmHeader(header) => {
            let unknown: Vec<&String> = header
                .required_features()
                .iter()
                .filter(|f| !KNOWN_FEATURES.contains(&f.as_str()))
                .collect();
            if !unknown.is_empty() {
                bail!(
                    "{} needs features this reader lacks: {unknown:?} (history files are not supported)",
                    path.display()
                );
            }
            Ok(None)
        }
        BlobDecode::Unknown(_) => Ok(None),
    }
}

/// Nodes of a block as (id, lat, lon) in 1e-7 degrees, dense or not.
pub fn block_nodes(block: &PrimitiveBlock) -> impl Iterator<Item = (i64, i32, i32)> + '_ {
    block.groups().flat_map(|g| {
        let dense = g
            .dense_nodes()
            .map(|n| (n.id(), n.decimicro_lat(), n.decimicro_lon()));
        let plain = g
            .nodes()
            .map(|n| (n.id(), n.decimicro_lat(), n.decimicro_lon()));
        dense.chain(plain)
    })
}
