import { Router } from 'express';
import { notFound } from '../http/api-error';
import { ASSETS, findAsset } from '../market/asset-catalog';
import { toAssetJson } from '../trading/asset-json';
import { queryText } from './query-params';

/** The fixed asset universe; it needs no exchange state. */
export function assetsRoutes(): Router {
  const router = Router();

  router.get('/v2/assets', (req, res) => {
    // Alpaca lists us_equity unless another class is asked for.
    const assetClass = queryText(req, 'asset_class') ?? 'us_equity';
    const status = queryText(req, 'status');
    const assets = ASSETS.filter((asset) => asset.assetClass === assetClass && (!status || status === 'active'));
    res.json(assets.map(toAssetJson));
  });

  router.get('/v2/assets/:symbolOrId', (req, res) => {
    const asset = findAsset(req.params.symbolOrId);
    if (!asset) throw notFound(`asset not found for ${req.params.symbolOrId}`);
    res.json(toAssetJson(asset));
  });

  return router;
}
