<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>GeoInverse</name>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>GeoInverse — Install missing packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Only the wheelhouse (no internet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Installing… this downloads about 40 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Installed. Restart QGIS so that the algorithms use the new packages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Wheelhouse folder (offline, optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>'Only the wheelhouse' needs a wheelhouse folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Nothing was missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Missing, and the algorithms that need them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Nothing is missing: every package GeoInverse's algorithms need can be imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Will install &lt;b&gt;{}&lt;/b&gt; (and what they need) with QGIS's Python &lt;code&gt;{}&lt;/code&gt; into &lt;code&gt;{}&lt;/code&gt;. QGIS's own {} stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Installed into {}. The algorithms can be used now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Packages folder: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Azores bathymetry (sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Sample grid loaded (1' bathymetry, Azores).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Super-resolve it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Install missing packages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Load sample data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>&amp;GeoInverse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>The sample grid {} could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Bathymetry — super-resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Bathymetry — grid tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Bathymetry — soundings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Petrology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Set-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>IHO S-44 order (threshold = TVU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Noise level (auto: estimated per 32 x 32 cells; metres: given below; iho: the S-44 order at the local depth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>IHO S-44 order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Along-track stripes (auto: detect and remove; off; given: along the direction below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Method (spots: Poisson LDA from spot phases; polygons: Poisson LDA from polygons; mixture: Gaussian mixture; sfcm: spatial fuzzy c-means)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Denoise counts for wt%-spot standardisation (poisson: phase-aware Poisson denoising; mean3: 3 x 3 means; none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Method (spline: splines in tension; sparse: DCT inpainting; idw: inverse distance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Distance units (map: map units, metres for a geographic CRS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Statistic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Mineral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Thermobarometers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Prior (difference order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Growth law (P-T-t)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Network (auto = the most accurate for the scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Nodata (mask: holes stay holes; fill: fill enclosed holes first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Tile size (cells; memory is bounded by it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Choices are given by name, not by number, so that a saved script keeps its meaning when choices are added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Input grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Reference grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>{name}: {value!r} is not one of the choices; use one of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Cancelled; no output was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>{name}: layer '{layer}' comes from the '{provider}' provider; GeoInverse reads rasters through GDAL. Save it as a GeoTIFF first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Upsample grid (bicubic reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Makes a grid 2, 3 or 4 times finer by bicubic interpolation (GDAL's cubic). It is the baseline the GeoInverse super-resolution methods are measured against.

Use: an &lt;b&gt;Input grid&lt;/b&gt; and a &lt;b&gt;Scale factor&lt;/b&gt;.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. A cell is nodata where its interpolation touches nodata.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Scale factor (2, 3 or 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Upsampled grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Upsampled {w} x {h} to {ow} x {oh} cells (x{scale}); {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Clean soundings (sparse outlier model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Finds the blunders in a layer of soundings (spikes, multipath, fish, outer-beam noise) and splits the layer into accepted and rejected soundings. Every input point goes to exactly one of the two.

Use: a point layer of &lt;b&gt;Soundings&lt;/b&gt; in any CRS, its &lt;b&gt;Depth field&lt;/b&gt; (empty: the points' Z) and an &lt;b&gt;IHO S-44 order&lt;/b&gt; (or a threshold in metres). Tick &lt;b&gt;survey order along lines&lt;/b&gt; for single-beam lines. A &lt;b&gt;Taught model&lt;/b&gt; from 'Train sounding cleaner' applies a hydrographer's own judgement.

Out: &lt;b&gt;Accepted&lt;/b&gt; soundings with a residual and a score, &lt;b&gt;Rejected&lt;/b&gt; soundings with the reason, and both counts.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Cell size in metres (0 = from the soundings' spacing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>taught model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>, spatial and along-line tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Threshold in metres (0 = from the order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Soundings are in survey order along lines (single-beam)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Taught model (.npz from Train sounding cleaner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Accepted soundings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Rejected soundings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>{input:,} soundings: {accepted:,} accepted, {rejected:,} rejected ({no_depth:,} without depth, {no_position:,} without position); threshold: {rule}; cells {cell:.3g} m; {unjudged:,} kept unjudged (fewer than 4 soundings around them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>S-44 order {order}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Compare grid with reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Says how far a grid is from a reference grid: RMSE, mean and max error, bias, and the error by slope class.

Use: the &lt;b&gt;Input grid&lt;/b&gt; and the &lt;b&gt;Reference grid&lt;/b&gt;. An input on another grid is resampled onto the reference's. An optional &lt;b&gt;Mask&lt;/b&gt; limits the comparison to its non-zero cells.

Out: a &lt;b&gt;Difference&lt;/b&gt; grid (input minus reference), an HTML &lt;b&gt;Report&lt;/b&gt;, and the statistics as numbers for models and scripts.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Mask (compare where non-zero)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Difference (input - reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <location filename="../plugin/processing/isocon.py"/>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <location filename="../plugin/processing/isocon.py"/>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Root mean square error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Mean absolute error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Bias (mean of input - reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Maximum absolute error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Number of compared cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Compared {count:,} cells: RMSE {rmse:.4g}, MAE {mae:.4g}, bias {bias:.4g}, max |error| {max_abs:.4g}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>{p}th percentile of absolute error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Denoise bathymetry grid (sparse)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Removes noise and spikes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an &lt;b&gt;Input grid&lt;/b&gt;. &lt;b&gt;Noise level&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; estimates the noise across the grid; give it in metres (&lt;i&gt;metres&lt;/i&gt;) or from an IHO S-44 order (&lt;i&gt;iho&lt;/i&gt;) if you know it. &lt;b&gt;Along-track stripes&lt;/b&gt; is &lt;i&gt;off&lt;/i&gt; by default: stripe removal is not reliable yet, so check the Removed layer if you turn it on.

Out: the denoised grid and, optionally, &lt;b&gt;Removed&lt;/b&gt; (input minus output) to see exactly what was taken out.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Strength (threshold factor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Noise (m, standard deviation) when given in metres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Stripe direction (degrees clockwise from north)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Denoised grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Removed (input minus output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>stripe removal off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>stripes removed along {angle:.1f} deg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>{w} x {h} cells, {valid:,} valid; noise {noise}; {spikes:,} spike(s) replaced; {lines}; removed RMS {rms:.3g}; {tiles} tile(s), overlap {margin} cells, {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>no striping found (best line direction {angle:.1f} deg, {ratio:.1f} x the median; needs 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Classify phases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Classifies every pixel of an EPMA map set into phases, with a membership per phase.

Use: the &lt;b&gt;Map set folder&lt;/b&gt; from 'Import EPMA map set' and a &lt;b&gt;Method&lt;/b&gt;: &lt;i&gt;spots&lt;/i&gt; (the phases of the spot analyses, as qntmap), &lt;i&gt;polygons&lt;/i&gt; (phases you draw: &lt;b&gt;Training polygons&lt;/b&gt; and their &lt;b&gt;Phase field&lt;/b&gt;), &lt;i&gt;mixture&lt;/i&gt; (unsupervised, &lt;b&gt;Number of phases&lt;/b&gt;) or &lt;i&gt;sfcm&lt;/i&gt; (unsupervised spatial fuzzy c-means, GEOFCM: &lt;b&gt;Number of phases&lt;/b&gt;, &lt;b&gt;Fuzziness m&lt;/b&gt;, &lt;b&gt;Spatial weight&lt;/b&gt;, &lt;b&gt;Neighbourhood window&lt;/b&gt;; memberships graded where phases meet). For an XMapTools project, &lt;i&gt;spots&lt;/i&gt; starts from the training pixels of its Classification.txt.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with the phase labels, one membership map per phase and the modal abundances. After a run in QGIS the maps are in the project, in one group. The folder is temporary unless you choose one.

The &lt;i&gt;mixture&lt;/i&gt; method needs scikit-learn: Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Map set folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Training polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Phase field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Number of phases (unsupervised)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Output folder (temporary, deleted when QGIS closes, unless you choose one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Phase labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Modal abundances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Fuzziness m (spatial fuzzy c-means)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Spatial weight (spatial fuzzy c-means; 0: plain FCM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Neighbourhood window, pixels (spatial fuzzy c-means)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>EPMA phases — {maps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>{phase}: {pixels} pixels ({percent:.2f} %), mean membership {mean:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Poisson LDA power transform: {power:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Membership {phase}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Composition profile along a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Samples maps along a line: a core-to-rim traverse of a zoned crystal, or any profile.

Use: the &lt;b&gt;Maps&lt;/b&gt; (layers) and/or a &lt;b&gt;Map folder&lt;/b&gt;, and the line: a &lt;b&gt;Line layer&lt;/b&gt; you draw over the maps or a &lt;b&gt;Line (WKT)&lt;/b&gt;. &lt;b&gt;Step&lt;/b&gt; and &lt;b&gt;Width&lt;/b&gt; set the spacing and the averaging across the line.

Out: a &lt;b&gt;Profile table&lt;/b&gt; (CSV: distance, position and one column per map) and, optionally, &lt;b&gt;Profile plots&lt;/b&gt; (HTML). A &lt;b&gt;Column prefix&lt;/b&gt; such as grt_ makes the table ready for 'Bayesian P-T path'.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Map folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Line layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Line (WKT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Step (map units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Width (map units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Column prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Profile table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Profile plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Give the profile line: a line layer (draw it over the maps) or a WKT line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>{n} samples over {distance:.4g} map units, {count} maps: {maps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Quantify EPMA maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Turns EPMA X-ray maps into oxide wt% maps calibrated on the spot analyses (the qntmap method).

Use: the &lt;b&gt;Map set folder&lt;/b&gt; from 'Import EPMA map set' (with spots) and, optionally, the &lt;b&gt;Phase folder&lt;/b&gt; from 'Classify phases' (computed if left empty). Optional &lt;b&gt;Mask polygons&lt;/b&gt; give the bulk composition of each polygon.

Spots with wt% only (an XMapTools project) are standardised on the map counts under them, per phase, after &lt;b&gt;Denoise counts&lt;/b&gt; (poisson: phase-aware Poisson denoising, the default; mean3: 3 x 3 means; none: pixel by pixel); the denoised count maps and their standard errors are written too.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with one wt% map per oxide, the Total, standard-error maps and the calibration table. After a run in QGIS the oxide and Total maps are in the project, in one group. The folder is temporary unless you choose one.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Phase folder (from 'Classify phases')</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Mask polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Polygon name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Phase densities (PHASE=g/cm3, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Standard-error maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Total wt%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Polygon compositions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>EPMA quantified — {maps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source> (pooled {pooled})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Spot phases {unknown} are not among the classified phases {phases}: they enter only the pooled alpha.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Spots rejected as outliers for beta: {spots}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Standardised on the wt% of the spots, counts {denoise}-denoised; kernel widths (px) per phase {phases}: {widths}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Polygon {k} {name}: Total {total:.2f} wt% over {pixels} pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>{oxide} in {phase}: alpha {a:.6g}, beta {b:.6g}, gamma {g:.6g}, {n} spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Fill gaps in bathymetry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Fills the nodata holes of a bathymetry grid and says which cells are estimates. Real cells are copied unchanged.

Use: an &lt;b&gt;Input grid&lt;/b&gt;. The default &lt;b&gt;Method&lt;/b&gt; (&lt;i&gt;spline&lt;/i&gt;, splines in tension) was the most accurate on our real test grids; &lt;i&gt;sparse&lt;/i&gt; and &lt;i&gt;idw&lt;/i&gt; are alternatives. By default only holes enclosed by data are filled; &lt;b&gt;Maximum distance&lt;/b&gt; leaves cells far from data empty.

Out: the filled grid; optionally a &lt;b&gt;Filled mask&lt;/b&gt; (1 = estimated, 0 = real) and the &lt;b&gt;Distance&lt;/b&gt; to the nearest real cell. Holes too wide for the tile overlap stay empty and are listed in the log.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Maximum tile overlap (cells; wider holes stay empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Maximum distance from data (0 = no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Fill only holes enclosed by data (no extrapolation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Tension (splines, 0..1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Filled grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Filled mask (1 = estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Distance to the nearest real cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>{method}: {holes:,} hole(s) in {w} x {h} cells; {holes_filled:,} filled ({cells_filled:,} cells estimated), {holes_outside:,} outside the data footprint left empty, {cells_empty:,} cells still nodata; tile overlap {margin} cells, {tiles} tile(s) in {seconds:.1f} s. Distances in {units}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>{count} hole(s) are wider than the maximum overlap ({overlap} cells) and were left empty; raise Maximum tile overlap to fill them. At: {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Grid soundings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Grids soundings (e.g. the accepted output of 'Clean soundings') into a north-up raster in the soundings' CRS.

Use: the &lt;b&gt;Soundings&lt;/b&gt; and their &lt;b&gt;Depth field&lt;/b&gt;. &lt;b&gt;Cell size&lt;/b&gt; 0 picks one from the spacing of the soundings. &lt;b&gt;Statistic&lt;/b&gt;: median (default), mean or shoalest.

Out: &lt;b&gt;Depth&lt;/b&gt;, &lt;b&gt;Count&lt;/b&gt; (soundings per cell) and &lt;b&gt;Standard deviation&lt;/b&gt; rasters, nodata where no sounding falls, ready for gap filling and super-resolution.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Cell size in layer units (0 = from the soundings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Extent (default: the soundings')</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Count (soundings per cell)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Standard deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Gridded {used:,} soundings into {width} x {height} cells of {cell:g} ({filled:,} cells hold soundings; {outside:,} soundings outside the extent or without depth); statistic: {statistic}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>, shoalest = {shoalest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Install missing packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Installs the Python packages that some GeoInverse algorithms need and QGIS does not ship (onnxruntime, scikit-learn), with QGIS's own Python and pip. QGIS's numpy and scipy are kept; if anything fails, nothing is installed.

Use: run it once, without parameters, when an algorithm says a package is missing. Offline: give a &lt;b&gt;Wheelhouse folder&lt;/b&gt; of .whl files downloaded beforehand and tick &lt;b&gt;Only the wheelhouse&lt;/b&gt;.

Out: the packages in &lt;code&gt;geoinverse-packages&lt;/code&gt; in the QGIS profile's python folder, used at once (the log says when QGIS must be restarted instead). Remove that folder to uninstall.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Wheelhouse folder (offline installs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Packages folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Installed packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Restart QGIS needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>'Only the wheelhouse' needs a wheelhouse folder of downloaded wheels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Restart QGIS so that the algorithms use the new packages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Installed {} into {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Isocon analysis (mass transfer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Estimates which elements were gained or lost when a rock was altered, and the mass change, from whole-rock compositions (isocon analysis).

Use: a &lt;b&gt;Composition table&lt;/b&gt; (CSV or any layer, one row per sample), its &lt;b&gt;Sample name field&lt;/b&gt; and the &lt;b&gt;Reference (protolith) sample&lt;/b&gt;. &lt;b&gt;Mode&lt;/b&gt; &lt;i&gt;sparse&lt;/i&gt; (default) finds the immobile elements itself; &lt;i&gt;classical&lt;/i&gt; uses the &lt;b&gt;Immobile elements&lt;/b&gt; you name.

Out: a table of the gain or loss of every element in every sample, with the mass change, and an HTML &lt;b&gt;Report&lt;/b&gt; with the isocon diagrams.

Needs the Python package matplotlib for the report.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Tolerance (RMS log change of an immobile element)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Composition table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Sample name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Reference (protolith) sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Samples to analyse (comma-separated; default all others)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Element columns (default: all numeric)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Units (e.g. 'Ti=wt%, Au=ppb'; default by name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Immobile elements (classical mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>q (sparse mode: 2 = least squares, smaller = sparser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>q scan (comma-separated, sparse mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Isocon table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Reference {reference}; {mode} isocon; immobile: {immobile}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>{sample}: M_A/M_O = {ratio:.4f} ± {se:.4f} (mass change {change:+.1f} %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>q scan: '{text}' is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Learn terrain dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Learns a terrain dictionary from high-resolution grids of your region, for 'Super-resolve bathymetry (sparse coding)'.

Use: one or more &lt;b&gt;High-resolution grids&lt;/b&gt; of the kind of seafloor you will super-resolve, and the &lt;b&gt;Scale factor&lt;/b&gt;. The other settings have good defaults.

Out: the dictionary (.npz, with a record of the grids and settings) and a PNG sheet of its patterns, most used first.

Needs the Python package matplotlib for the sheet.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>High-resolution grids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Atoms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Patch size (coarse cells)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Sparsity (atoms per patch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Training patches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Iterations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Terrain dictionary (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Atoms sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Learned {atoms} atoms of {patch} x {patch} fine cells (x{scale}) from {patches:,} patches; {components} feature components; {used} atoms in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>'{layer}' is not a GDAL raster; save it as a GeoTIFF first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Import EPMA map set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Imports an electron-microprobe (EPMA) X-ray map set and its spot analyses.

Use: a JEOL &lt;b&gt;Map folder&lt;/b&gt; (or a qntmap &lt;b&gt;Map conditions CSV&lt;/b&gt;) and, for quantification later, the &lt;b&gt;Spot analyses folder&lt;/b&gt; (.qnt). An XMapTools project folder (element count matrices such as &lt;code&gt;Mg.txt&lt;/code&gt;, &lt;code&gt;Standards.txt&lt;/code&gt; with the spot analyses in wt%, optional &lt;code&gt;Classification.txt&lt;/code&gt;) is recognised by its files and needs nothing else.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with one map per element (cps/uA, no CRS, so the maps overlay each other) and the &lt;b&gt;Spot analyses&lt;/b&gt; as a point layer. After a run in QGIS they are in the project, in a group named after the sample. The output folder is temporary unless you choose one.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Map folder (JEOL .map, or an XMapTools project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Map conditions CSV (instead of the folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spot analyses folder (JEOL .qnt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spot conditions CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Dead time [ns] (-1: from the conditions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Output folder (element maps, cps/uA; temporary, deleted when QGIS closes, unless you choose one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spot analyses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>{count} element maps ({elements}), {cols} x {rows} pixels, dwell {dwell} ms, {current:g} A, dead time {deadtime} ns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>EPMA maps — {maps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>{n} spot analyses of {phases}; {off} outside the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spots {spots} share a pixel with an earlier spot and were dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Mineral formula maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Turns oxide wt% maps into mineral structural-formula maps: cations per formula unit and end-member fractions.

Use: the &lt;b&gt;Oxide folder&lt;/b&gt; (the output of 'Quantify EPMA maps'), the &lt;b&gt;Mineral&lt;/b&gt;, and optionally Fe3+ by charge balance and a &lt;b&gt;Phase folder&lt;/b&gt; and &lt;b&gt;Phase&lt;/b&gt; to compute only that phase's pixels.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with one map per cation, the cation sum and each end member, without CRS so they overlay the maps. After a run in QGIS they are in the project, in one group. The folder is temporary unless you choose one.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Oxide folder (wt% rasters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Fe3+ by charge balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Oxygen basis (0: the mineral's)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Phase folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>{mineral} from {oxides}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>{mineral} formula — {maps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>{name}: median {median:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Bayesian P-T path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Estimates the pressure-temperature path recorded by a zoned garnet: P and T of every growth zone at once, with credible intervals, also for zones that lack an equilibrium.

Use: a &lt;b&gt;Zone table&lt;/b&gt; (CSV, core to rim, one row per zone: garnet oxides and those of the paired inclusion or matrix grain) and the &lt;b&gt;Thermobarometers&lt;/b&gt; to apply. A &lt;b&gt;Growth law&lt;/b&gt; adds relative time (P-T-t).

Out: a &lt;b&gt;Path table&lt;/b&gt; (CSV: P and T per zone with 95 % intervals) and an HTML &lt;b&gt;Report&lt;/b&gt; with the path in P-T space.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Zone table (CSV, core to rim)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Analytical precision, relative (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Analytical precision, absolute (wt%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Include calibration uncertainty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Posterior samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Scale the prior by the distances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Mn partition coefficient garnet/matrix (Rayleigh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Robust (Student-t) noise, growth-law mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Path table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>{n} zones, {lacking} lacking an equilibrium; {samples} posterior samples (acceptance {acceptance:.2f}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>hyperparameters: {values}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>{where} ({zone}): P {p:.2f} [{p_lo:.2f}, {p_hi:.2f}] kbar, T {t:.0f} [{t_lo:.0f}, {t_hi:.0f}] C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>rim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings (point layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Depth field (empty: the points' Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Beam / angle fields for the taught model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>The soundings layer holds multipoints; split them into single points first (Vector geometry &gt; Multipart to singleparts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>The soundings layer has no Z values; choose its depth field (DEPTH_FIELD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>The soundings layer has no CRS; assign one so distances can be measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Super-resolve bathymetry (sparse coding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Makes a bathymetry grid 2, 3 or 4 times finer by sparse coding over a terrain dictionary: each patch of relief is built from a few learned patterns.

Use: an &lt;b&gt;Input grid&lt;/b&gt; and a &lt;b&gt;Scale factor&lt;/b&gt;. The shipped dictionary for that scale is used unless you give your own (from 'Learn terrain dictionary').

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. Optional maps: &lt;b&gt;Dominant pattern&lt;/b&gt; (which pattern shapes each place) and &lt;b&gt;Active atoms&lt;/b&gt; (how complex the relief is).

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Scale factor (the dictionary's: 2, 3 or 4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Terrain dictionary (.npz; empty = shipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Super-resolved grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Dominant pattern (atom number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Active atoms per patch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with {atoms} atoms; {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Super-resolve bathymetry (deep network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Makes a bathymetry grid 2 or 4 times finer with a deep network trained on real seafloor relief. It is more accurate than bicubic on held-out real grids.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (any unit or sign convention), a &lt;b&gt;Scale factor&lt;/b&gt; and a &lt;b&gt;Network&lt;/b&gt; by name. &lt;i&gt;auto&lt;/i&gt; (default) picks the most accurate shipped network for the scale, e.g. fsrcnn_ens_x2 (names with _ens_ are slower and slightly more accurate). An &lt;b&gt;Own model file&lt;/b&gt; (.onnx with its .json card) overrides both. &lt;b&gt;Nodata&lt;/b&gt;: &lt;i&gt;mask&lt;/i&gt; keeps holes where they are; &lt;i&gt;fill&lt;/i&gt; fills enclosed holes first.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. The log says how accurate the network was on held-out grids.

Needs the Python package onnxruntime: Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Scale factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Overlap (cells; empty = the model's receptive field)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Own model file (.onnx with its .json card; overrides Network and Scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with {model}; overlap {overlap} cells; {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>What to expect ({model} on held-out real grids, never seen in training; mean RMSE ratio to bicubic {ratio}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Train sounding cleaner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Teaches a sounding cleaner from a survey a hydrographer has already cleaned by hand, so that 'Clean soundings' can apply the same judgement to new surveys.

Use: the cleaned &lt;b&gt;Soundings&lt;/b&gt;, the &lt;b&gt;Field marking rejected soundings&lt;/b&gt; (1/true/"rejected" = blunder) and the same &lt;b&gt;IHO S-44 order&lt;/b&gt; as for cleaning. Beam or angle fields are optional extra features.

Out: a &lt;b&gt;Model file&lt;/b&gt; (.npz) for the &lt;b&gt;Taught model&lt;/b&gt; of 'Clean soundings'. Opening it never runs code.

Needs the Python package scikit-learn to teach (not to apply): Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Field marking rejected soundings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Sounding cleaner model (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Labelled soundings used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Of which rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Taught on {soundings:,} labelled soundings ({rejected:,} rejected) with features {features}; model written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/provider.py"/>
        <source>GeoInverse — data-driven inverse methods for bathymetry and petrology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/provider.py"/>
        <source>Step '{}' ({}) cannot run, so the model does not start: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>Install it with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>This method needs the Python package '{pip}', which QGIS's Python cannot import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>In QGIS, install it with {installer}. Outside QGIS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>Plugins &gt; GeoInverse &gt; Install missing packages… (or the Processing algorithm geoinverse:installdependencies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>(on Debian/Ubuntu also: {command})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Turns a layer of soundings into a high-resolution grid in one run: cleans the soundings (Clean soundings), grids the accepted ones (Grid soundings, median), fills the holes enclosed by data (Fill gaps) and super-resolves the grid with a shipped deep network (Super-resolve bathymetry). Every step is an ordinary GeoInverse algorithm: open the model in the graphical modeler to change any of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Grid cell size in layer units (0 = from the soundings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Super-resolution network (auto = the most accurate for the scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>IHO S-44 order (cleaning threshold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Super-resolution scale factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Filled cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings per cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Gridded depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>High-resolution grid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
