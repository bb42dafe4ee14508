<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>GeoInverse</name>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>(on Debian/Ubuntu also: {command})</source>
        <translation>（Debian/Ubuntuでは次のコマンドも使えます: {command}）</translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>In QGIS, install it with {installer}. Outside QGIS:</source>
        <translation>QGISでは {installer} でインストールしてください。QGISの外では:</translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>Install it with:</source>
        <translation>インストール方法:</translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>Plugins &gt; GeoInverse &gt; Install missing packages… (or the Processing algorithm geoinverse:installdependencies)</source>
        <translation>プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール…（またはProcessingアルゴリズム geoinverse:installdependencies）</translation>
    </message>
    <message>
        <location filename="../algorithms/errors.py"/>
        <source>This method needs the Python package '{pip}', which QGIS's Python cannot import.</source>
        <translation>この手法にはPythonパッケージ '{pip}' が必要ですが、QGISのPythonではインポートできません。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>'Only the wheelhouse' needs a wheelhouse folder.</source>
        <translation>「ホイールハウスのみ使用」にはホイールハウスフォルダが必要です。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>GeoInverse — Install missing packages</source>
        <translation>GeoInverse — 不足パッケージのインストール</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Install</source>
        <translation>インストール</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Installed into {}. The algorithms can be used now.</source>
        <translation>{} にインストールしました。アルゴリズムをすぐに使えます。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Installed. Restart QGIS so that the algorithms use the new packages.</source>
        <translation>インストールしました。新しいパッケージをアルゴリズムで使うにはQGISを再起動してください。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Installing… this downloads about 40 MB.</source>
        <translation>インストール中… 約40 MBをダウンロードします。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Missing, and the algorithms that need them:</source>
        <translation>不足しているパッケージと、それを必要とするアルゴリズム:</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Nothing is missing: every package GeoInverse's algorithms need can be imported.</source>
        <translation>不足しているものはありません。GeoInverseのアルゴリズムが必要とするパッケージはすべてインポートできます。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Nothing was installed.</source>
        <translation>何もインストールされませんでした。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Nothing was missing.</source>
        <translation>不足しているパッケージはありませんでした。</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Only the wheelhouse (no internet)</source>
        <translation>ホイールハウスのみ使用（インターネット接続なし）</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Packages folder: {}</source>
        <translation>パッケージフォルダ: {}</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Wheelhouse folder (offline, optional):</source>
        <translation>ホイールハウスフォルダ（オフライン用、任意）:</translation>
    </message>
    <message>
        <location filename="../plugin/installer_dialog.py"/>
        <source>Will install &lt;b&gt;{}&lt;/b&gt; (and what they need) with QGIS's Python &lt;code&gt;{}&lt;/code&gt; into &lt;code&gt;{}&lt;/code&gt;. QGIS's own {} stay as they are.</source>
        <translation>&lt;b&gt;{}&lt;/b&gt;（およびその依存パッケージ）をQGISのPython &lt;code&gt;{}&lt;/code&gt; で &lt;code&gt;{}&lt;/code&gt; にインストールします。QGIS自身の {} はそのまま残ります。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>1 where a cell is measured, 2 where it was filled.</source>
        <translation>実測のセルは1、補間したセルは2。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>1 where a cell was filled, 0 where it is measured.</source>
        <translation>補間したセルは1、実測のセルは0。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>A point layer of soundings in any CRS.</source>
        <translation>任意の座標参照系の測深データの点レイヤ。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Cell size of the grid in layer units; 0 = from the soundings.</source>
        <translation>グリッドのセルサイズ（レイヤの単位）。0 = 測深データから決定。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Filled cells</source>
        <translation>補間したセル</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Grid cell size in layer units (0 = from the soundings)</source>
        <translation>グリッドのセルサイズ（レイヤの単位; 0 = 測深データから決定）</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Gridded depth</source>
        <translation>グリッド化した水深</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>High-resolution grid</source>
        <translation>高解像度グリッド</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>How many times finer the high-resolution grid is (2 or 4).</source>
        <translation>高解像度グリッドを何倍細かくするか（2または4）。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>IHO S-44 order (cleaning threshold)</source>
        <translation>IHO S-44 等級（クリーニングのしきい値; Special=特級, 1a=1a級, 1b=1b級, 2=2級）</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>IHO S-44 order whose vertical uncertainty is the cleaning threshold.</source>
        <translation>鉛直方向の不確かさ（TVU）をクリーニングのしきい値とするIHO S-44 等級（特級・1a級・1b級・2級）。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Median depth per cell; nodata where no sounding falls.</source>
        <translation>セルごとの水深の中央値。測深データのないセルはnodata。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Per high-resolution cell: 3 = from a measured cell, 4 = from a filled one, 0 = nodata.</source>
        <translation>高解像度セルごとに: 3 = 実測セルから、4 = 補間セルから、0 = nodata。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Provenance of the filled grid (1 input, 2 filled)</source>
        <translation>補間したグリッドの由来（1 入力、2 補間）</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Provenance of the high-resolution grid (3 from measured, 4 from filled cells)</source>
        <translation>高解像度グリッドの由来（3 実測セルから、4 補間セルから）</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings kept by the cleaning, with residual and score.</source>
        <translation>クリーニングで採用された測深データ（残差とスコア付き）。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings per cell</source>
        <translation>セルごとの測深データ数</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings per cell.</source>
        <translation>セルごとの測深データ数。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings rejected, with the reason.</source>
        <translation>棄却された測深データ（理由付き）。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Super-resolution network (auto = the recommended one for the scale)</source>
        <translation>超解像ネットワーク（auto = その倍率の推奨ネットワーク）</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Super-resolution scale factor</source>
        <translation>超解像の倍率</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>The depth attribute (metres); empty uses the points' Z.</source>
        <translation>水深の属性（メートル）。空欄なら点のZ値を使います。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>The grid with its enclosed holes filled.</source>
        <translation>囲まれた穴を補間したグリッド。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>The network by name; auto = the recommended one for the scale.</source>
        <translation>名前で指定するネットワーク。auto = その倍率の推奨ネットワーク。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>The super-resolved grid (cells divided by the scale).</source>
        <translation>超解像したグリッド（セルを倍率で分割）。</translation>
    </message>
    <message>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Turns a layer of soundings into a high-resolution grid in one run: cleans the soundings (Clean soundings), grids the accepted ones (Grid soundings, median), fills the holes enclosed by data (Fill gaps) and super-resolves the grid with a shipped deep network (Super-resolve bathymetry). Every step is an ordinary GeoInverse algorithm: open the model in the graphical modeler to change any of them.</source>
        <translation>測深データのレイヤを一度の実行で高解像度グリッドに変換します: 測深データをクリーニングし（測深データのクリーニング）、採用された測深データをグリッド化し（測深データのグリッド化、中央値）、データに囲まれた穴を補間し（水深グリッドの欠損補間）、同梱の深層ネットワークで超解像します（水深の超解像）。各ステップは通常のGeoInverseアルゴリズムです。どれかを変えたい場合は、グラフィカルモデラーでモデルを開いてください。</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>&amp;GeoInverse</source>
        <translation>&amp;GeoInverse</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Azores bathymetry (sample)</source>
        <translation>アゾレス諸島の水深（サンプル）</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Install missing packages…</source>
        <translation>不足パッケージのインストール…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Load sample data</source>
        <translation>サンプルデータの読み込み</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Sample grid loaded (1' bathymetry, Azores).</source>
        <translation>サンプルグリッドを読み込みました（1分間隔の水深、アゾレス諸島）。</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>Super-resolve it…</source>
        <translation>超解像する…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py"/>
        <source>The sample grid {} could not be opened.</source>
        <translation>サンプルグリッド {} を開けませんでした。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Band</source>
        <translation>バンド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Bathymetry — grid tools</source>
        <translation>水深 — グリッドツール</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Bathymetry — soundings</source>
        <translation>水深 — 測深データ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Bathymetry — super-resolution</source>
        <translation>水深 — 超解像</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Cancelled; no output was written.</source>
        <translation>キャンセルされました。出力は書き込まれていません。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Choices are given by name, not by number, so that a saved script keeps its meaning when choices are added.</source>
        <translation>選択肢は番号ではなく名前で指定します。選択肢が追加されても保存したスクリプトの意味が変わらないようにするためです。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Input grid</source>
        <translation>入力グリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Input provenance (PROVENANCE of 'Fill gaps'; optional)</source>
        <translation>入力の由来（「水深グリッドの欠損補間」のPROVENANCE; 任意）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Petrology</source>
        <translation>岩石学</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Provenance (1 input, 2 filled, 3/4 super-resolved from measured/filled)</source>
        <translation>由来（1 入力、2 補間、3/4 実測/補間セルから超解像）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Set-up</source>
        <translation>セットアップ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Tile size (cells; memory is bounded by it)</source>
        <translation>タイルサイズ（セル数; メモリ使用量はこれで決まります）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>Uncertainty (one standard deviation, depth units)</source>
        <translation>不確かさ（1標準偏差、水深の単位）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>{name}: layer '{layer}' comes from the '{provider}' provider; GeoInverse reads rasters through GDAL. Save it as a GeoTIFF first.</source>
        <translation>{name}: レイヤ '{layer}' は '{provider}' プロバイダのものです。GeoInverseはラスタをGDALで読み込みます。先にGeoTIFFとして保存してください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py"/>
        <source>{name}: {value!r} is not one of the choices; use one of: {choices}.</source>
        <translation>{name}: {value!r} は選択肢にありません。次のいずれかを使ってください: {choices}。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Makes a grid 2, 3 or 4 times finer by bicubic interpolation (GDAL's cubic). It is the baseline the GeoInverse super-resolution methods are measured against.

Use: an &lt;b&gt;Input grid&lt;/b&gt; and a &lt;b&gt;Scale factor&lt;/b&gt;.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. A cell is nodata where its interpolation touches nodata.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>グリッドをバイキュービック補間（GDALのcubic）で2、3または4倍に細かくします。GeoInverseの超解像手法の精度を測る基準（ベースライン）です。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;と&lt;b&gt;倍率&lt;/b&gt;。

出力: 入力と同じ原点と座標参照系（CRS）を持ち、セルを倍率で分割したfloat32グリッド。補間がnodataに触れるセルはnodataになります。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Scale factor (2, 3 or 4)</source>
        <translation>倍率（2、3または4）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Upsample grid (bicubic reference)</source>
        <translation>グリッドのアップサンプリング（バイキュービック基準）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Upsampled grid</source>
        <translation>アップサンプリングしたグリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/bicubic.py"/>
        <source>Upsampled {w} x {h} to {ow} x {oh} cells (x{scale}); {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.</source>
        <translation>{w} x {h} セルを {ow} x {oh} セルにアップサンプリングしました（x{scale}）。有効な入力セル {valid:,} 個、タイル {tiles} 個、{seconds:.2f} 秒。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>, spatial and along-line tests</source>
        <translation>、空間的検定と測線方向の検定</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>A flagged copy needs the survey file the soundings came from (SURVEY) and their ping and beam fields; read the file with 'Read survey file'.</source>
        <translation>フラグ付きのコピーには、測深データの読み込み元の測量ファイル（SURVEY）と、そのピングとビームのフィールドが必要です。ファイルは「測量ファイルの読み込み」で読み込んでください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Accepted</source>
        <translation>採用</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Accepted soundings</source>
        <translation>採用された測深データ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>All soundings, flagged</source>
        <translation>フラグ付きの全測深データ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Cell size in metres (0 = from the soundings' spacing)</source>
        <translation>セルサイズ（メートル; 0 = 測深データの間隔から決定）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Clean soundings (sparse outlier model)</source>
        <translation>測深データのクリーニング（スパース外れ値モデル）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Finds the blunders in a layer of soundings (spikes, multipath, fish, outer-beam noise) and splits the layer into accepted and rejected soundings. Every input point goes to exactly one of the two.

Use: a point layer of &lt;b&gt;Soundings&lt;/b&gt; in any CRS, its &lt;b&gt;Depth field&lt;/b&gt; (empty: the points' Z) and an &lt;b&gt;IHO S-44 order&lt;/b&gt; (or a threshold in metres). Tick &lt;b&gt;survey order along lines&lt;/b&gt; for single-beam lines. A &lt;b&gt;Taught model&lt;/b&gt; from 'Train sounding cleaner' applies a hydrographer's own judgement.

For a multibeam file read with 'Read survey file (GSF)', give the &lt;b&gt;Survey file&lt;/b&gt; too: the ping, beam, across-track and beam angle fields are found by name, and a &lt;b&gt;Flagged copy of the survey file&lt;/b&gt; gets the rejections as GSF filter flags (the file itself is never changed).

Out: &lt;b&gt;Accepted&lt;/b&gt; soundings with a residual and a score, &lt;b&gt;Rejected&lt;/b&gt; soundings with the reason, and both counts; optionally &lt;b&gt;All soundings, flagged&lt;/b&gt; (every sounding once, flag accepted/rejected and reason) and the flagged GSF copy.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>測深データのレイヤから誤測深（スパイク、マルチパス、魚群、外側ビームのノイズ）を見つけ、採用と棄却の測深データに分けます。入力点はすべてどちらか一方に入ります。

入力: 任意の座標参照系の&lt;b&gt;測深データ&lt;/b&gt;の点レイヤ、その&lt;b&gt;水深フィールド&lt;/b&gt;（空欄: 点のZ値）、&lt;b&gt;IHO S-44 等級&lt;/b&gt;（特級・1a級・1b級・2級、またはメートル単位のしきい値）。シングルビームの測線には&lt;b&gt;測線に沿った測量順&lt;/b&gt;にチェックを入れます。「測深クリーナーの学習」で作った&lt;b&gt;学習済みモデル&lt;/b&gt;を使うと、水路測量技術者自身の判断を適用できます。

「測量ファイルの読み込み（GSF）」で読み込んだマルチビームのファイルでは、&lt;b&gt;測量ファイル&lt;/b&gt;も指定します: ピング、ビーム、横方向距離、ビーム角のフィールドは名前から見つけられ、&lt;b&gt;フラグを付けた測量ファイルのコピー&lt;/b&gt;に棄却結果がGSFのフィルタフラグとして書き込まれます（元のファイルは変更されません）。

出力: 残差とスコア付きの&lt;b&gt;採用&lt;/b&gt;された測深データ、理由付きの&lt;b&gt;棄却&lt;/b&gt;された測深データ、およびそれぞれの件数。任意で&lt;b&gt;フラグ付きの全測深データ&lt;/b&gt;（すべての測深データを1回ずつ、採用/棄却のフラグと理由付き）と、フラグを付けたGSFのコピー。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Flagged copy of the survey file</source>
        <translation>フラグを付けた測量ファイルのコピー</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>GSF files (*.gsf *.GSF *.mb121);;All files (*.*)</source>
        <translation>GSFファイル (*.gsf *.GSF *.mb121);;すべてのファイル (*.*)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>GSF files (*.gsf)</source>
        <translation>GSFファイル (*.gsf)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>IHO S-44 order (threshold = TVU)</source>
        <translation>IHO S-44 等級（しきい値 = TVU; Special=特級, 1a=1a級, 1b=1b級, 2=2級）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Rejected</source>
        <translation>棄却</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Rejected soundings</source>
        <translation>棄却された測深データ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>S-44 order {order}</source>
        <translation>S-44 等級 {order}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Soundings are in survey order along lines (single-beam)</source>
        <translation>測深データは測線に沿った測量順（シングルビーム）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Survey file the soundings were read from (GSF)</source>
        <translation>測深データの読み込み元の測量ファイル（GSF）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>Taught model (.npz from Train sounding cleaner)</source>
        <translation>学習済みモデル（「測深クリーナーの学習」の .npz）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Threshold in metres (0 = from the order)</source>
        <translation>しきい値（メートル; 0 = 等級から決定）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>taught model</source>
        <translation>学習済みモデル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>{copy}: {newly:,} beams newly flagged as filter-edited, {already:,} rejected beams were flagged in the file already.</source>
        <translation>{copy}: {newly:,} ビームに新たにフィルタ編集のフラグを付けました。棄却されたビームのうち {already:,} ビームにはファイルで既にフラグが付いていました。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cleansoundings.py"/>
        <source>{input:,} soundings: {accepted:,} accepted, {rejected:,} rejected ({no_depth:,} without depth, {no_position:,} without position); threshold: {rule}; cells {cell:.3g} m; {unjudged:,} kept unjudged (fewer than 4 soundings around them).</source>
        <translation>測深データ {input:,} 点: 採用 {accepted:,}、棄却 {rejected:,}（水深なし {no_depth:,}、位置なし {no_position:,}）。しきい値: {rule}。セル {cell:.3g} m。判定せず残したもの {unjudged:,}（周囲の測深データが4点未満）。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Bias (mean of input - reference)</source>
        <translation>バイアス（入力 − 参照 の平均）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Compare grid with reference</source>
        <translation>参照グリッドとの比較</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Compared {count:,} cells: RMSE {rmse:.4g}, MAE {mae:.4g}, bias {bias:.4g}, max |error| {max_abs:.4g}.</source>
        <translation>{count:,} セルを比較しました: RMSE {rmse:.4g}、MAE {mae:.4g}、バイアス {bias:.4g}、最大|誤差| {max_abs:.4g}。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Difference (input - reference)</source>
        <translation>差分（入力 − 参照）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <location filename="../plugin/processing/isocon.py"/>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>HTML files (*.html)</source>
        <translation>HTMLファイル (*.html)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Mask (compare where non-zero)</source>
        <translation>マスク（非ゼロのセルで比較）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Maximum absolute error</source>
        <translation>最大絶対誤差</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Mean absolute error</source>
        <translation>平均絶対誤差</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Number of compared cells</source>
        <translation>比較したセル数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Reference grid</source>
        <translation>参照グリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <location filename="../plugin/processing/isocon.py"/>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Root mean square error</source>
        <translation>二乗平均平方根誤差（RMSE）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>Says how far a grid is from a reference grid: RMSE, mean and max error, bias, and the error by slope class.

Use: the &lt;b&gt;Input grid&lt;/b&gt; and the &lt;b&gt;Reference grid&lt;/b&gt;. An input on another grid is resampled onto the reference's. An optional &lt;b&gt;Mask&lt;/b&gt; limits the comparison to its non-zero cells.

Out: a &lt;b&gt;Difference&lt;/b&gt; grid (input minus reference), an HTML &lt;b&gt;Report&lt;/b&gt;, and the statistics as numbers for models and scripts.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>グリッドが参照グリッドからどれだけ離れているかを示します: RMSE、平均誤差と最大誤差、バイアス、傾斜階級ごとの誤差。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;と&lt;b&gt;参照グリッド&lt;/b&gt;。別のグリッド上の入力は参照グリッドに再サンプリングされます。任意の&lt;b&gt;マスク&lt;/b&gt;を指定すると、その非ゼロのセルだけで比較します。

出力: &lt;b&gt;差分&lt;/b&gt;グリッド（入力 − 参照）、HTMLの&lt;b&gt;レポート&lt;/b&gt;、モデルやスクリプト用の数値としての統計量。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/comparegrids.py"/>
        <source>{p}th percentile of absolute error</source>
        <translation>絶対誤差の{p}パーセンタイル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Along-track stripes (auto: detect and remove; off; given: along the angle or the survey lines below)</source>
        <translation>航跡方向の縞状ノイズ（auto: 検出して除去; off: 除去しない; given: 下の方位または測線に沿って除去）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Denoise bathymetry grid (sparse)</source>
        <translation>水深グリッドのノイズ除去（スパース）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Denoised grid</source>
        <translation>ノイズ除去したグリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>IHO S-44 order</source>
        <translation>IHO S-44 等級（special=特級, 1a=1a級, 1b=1b級, 2=2級）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>LINES holds no line; give the survey track lines or leave it empty.</source>
        <translation>LINES に線がありません。測線の航跡線を指定するか、空欄にしてください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Noise (m, standard deviation) when given in metres</source>
        <translation>ノイズ（m、標準偏差; メートルで指定する場合）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Noise level (auto: estimated per 32 x 32 cells; metres: given below; iho: the S-44 order at the local depth)</source>
        <translation>ノイズレベル（auto: 32 x 32 セルごとに推定; metres: 下で指定; iho: その場の水深でのS-44等級）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Removed noise and spikes</source>
        <translation>除去したノイズとスパイク</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Removed stripes</source>
        <translation>除去した縞状ノイズ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Removes noise, spikes and along-track stripes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (GeoTIFF, BAG, ...). &lt;b&gt;Noise level&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; estimates the noise across the grid; give it in metres (&lt;i&gt;metres&lt;/i&gt;) or from an IHO S-44 order (&lt;i&gt;iho&lt;/i&gt;) if you know it. &lt;b&gt;Along-track stripes&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; finds the survey lines' direction and removes stripes only where they stand out; &lt;i&gt;given&lt;/i&gt; takes the &lt;b&gt;Survey line azimuth&lt;/b&gt; (east-west lines = 90) or a &lt;b&gt;Survey lines&lt;/b&gt; layer of the track lines; &lt;i&gt;off&lt;/i&gt; leaves them.

Out: the denoised grid and, optionally, &lt;b&gt;Removed noise and spikes&lt;/b&gt; and &lt;b&gt;Removed stripes&lt;/b&gt;; together they are input minus output. Look at Removed stripes before trusting a given direction on rough relief. &lt;b&gt;Stripe model&lt;/b&gt; (advanced): &lt;i&gt;auto&lt;/i&gt; fits narrow stripes that vary along the lines for a detected direction, and for a given one too where the grid shows such stripes along it; otherwise offsets constant along whole lines (swath offsets). &lt;i&gt;jumps&lt;/i&gt; or &lt;i&gt;levels&lt;/i&gt; force one model.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>海底地形を保ったまま、水深グリッドからノイズ、スパイク、航跡方向の縞状ノイズを取り除きます。nodataはnodataのままです。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;（GeoTIFF、BAG など）。&lt;b&gt;ノイズレベル&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;はグリッド全体でノイズを推定します。分かっている場合はメートル単位（&lt;i&gt;metres&lt;/i&gt;）またはIHO S-44 等級（&lt;i&gt;iho&lt;/i&gt;）で指定します。&lt;b&gt;航跡方向の縞状ノイズ&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;は測線の方向を見つけ、縞が目立つ場所だけで除去します。&lt;i&gt;given&lt;/i&gt;は&lt;b&gt;測線の方位&lt;/b&gt;（東西の測線 = 90）または航跡線の&lt;b&gt;測線&lt;/b&gt;レイヤを使います。&lt;i&gt;off&lt;/i&gt;は縞状ノイズを除去しません。

出力: ノイズ除去したグリッドと、任意で&lt;b&gt;除去したノイズとスパイク&lt;/b&gt;および&lt;b&gt;除去した縞状ノイズ&lt;/b&gt;。両者の和が入力 − 出力です。起伏の大きい地形で指定した方向を信頼する前に、「除去した縞状ノイズ」を確認してください。&lt;b&gt;縞のモデル&lt;/b&gt;（詳細設定）: &lt;i&gt;auto&lt;/i&gt;は、検出した方向では測線に沿って変化する細い縞を当てはめ、指定した方向でもグリッドにそのような縞が見られる場合は同じモデルを使います。それ以外では測線全体で一定のオフセット（スワスのオフセット）を当てはめます。&lt;i&gt;jumps&lt;/i&gt;または&lt;i&gt;levels&lt;/i&gt;でどちらかのモデルに固定します。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Strength (threshold factor)</source>
        <translation>強さ（しきい値の係数）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Stripe model (auto: narrow stripes where the grid shows them, else swath offsets for a given direction; jumps: offsets constant along whole lines; levels: narrow stripes that vary along the lines)</source>
        <translation>縞のモデル（auto: グリッドに細い縞が見られる場合は細い縞、それ以外で方向を指定した場合はスワスのオフセット; jumps: 測線全体で一定のオフセット; levels: 測線に沿って変化する細い縞）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Survey line azimuth (degrees clockwise from grid north; east-west lines = 90)</source>
        <translation>測線の方位（グリッド北から時計回りの度; 東西の測線 = 90）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>Survey lines (track lines; optional)</source>
        <translation>測線（航跡線; 任意）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>no striping found (best line direction {angle:.1f} deg, {ratio:.1f} x the median; needs {needed:g})</source>
        <translation>縞状ノイズは見つかりませんでした（最も強い線方向 {angle:.1f} 度、中央値の {ratio:.1f} 倍; {needed:g} 倍以上が必要）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>stripe removal off</source>
        <translation>縞状ノイズ除去なし</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>stripes removed along the survey lines ({angles} deg)</source>
        <translation>測線に沿って縞状ノイズを除去（{angles} 度）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>stripes removed along {angle:.1f} deg</source>
        <translation>{angle:.1f} 度の方向に沿って縞状ノイズを除去</translation>
    </message>
    <message>
        <location filename="../plugin/processing/denoisegrid.py"/>
        <source>{w} x {h} cells, {valid:,} valid; noise {noise}; {spikes:,} spike(s) replaced; {lines}; removed RMS {rms:.3g} (stripes {stripes_rms:.3g}); {tiles} tile(s), overlap {margin} cells, {seconds:.1f} s.</source>
        <translation>{w} x {h} セル、有効 {valid:,}。ノイズ {noise}。スパイク {spikes:,} 個を置換。{lines}。除去分のRMS {rms:.3g}（縞状ノイズ {stripes_rms:.3g}）。タイル {tiles} 個、重なり {margin} セル、{seconds:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Classifies every pixel of an EPMA map set into phases, with a membership per phase.

Use: the &lt;b&gt;Map set folder&lt;/b&gt; from 'Import EPMA map set' and a &lt;b&gt;Method&lt;/b&gt;: &lt;i&gt;spots&lt;/i&gt; (the phases of the spot analyses, as qntmap), &lt;i&gt;polygons&lt;/i&gt; (phases you draw: &lt;b&gt;Training polygons&lt;/b&gt; and their &lt;b&gt;Phase field&lt;/b&gt;), &lt;i&gt;mixture&lt;/i&gt; (unsupervised, &lt;b&gt;Number of phases&lt;/b&gt;) or &lt;i&gt;sfcm&lt;/i&gt; (unsupervised spatial fuzzy c-means, GEOFCM: &lt;b&gt;Number of phases&lt;/b&gt;, &lt;b&gt;Fuzziness m&lt;/b&gt;, &lt;b&gt;Spatial weight&lt;/b&gt;, &lt;b&gt;Neighbourhood window&lt;/b&gt;; memberships graded where phases meet). For an XMapTools project, &lt;i&gt;spots&lt;/i&gt; starts from the training pixels of its Classification.txt.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with the phase labels, one membership map per phase and the modal abundances. After a run in QGIS the maps are in the project, in one group. The folder is temporary unless you choose one.

The &lt;i&gt;mixture&lt;/i&gt; method needs scikit-learn: Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>EPMAマップセットのすべてのピクセルを相に分類し、相ごとの帰属度も求めます。

入力: 「EPMAマップセットの読み込み」で作った&lt;b&gt;マップセットフォルダ&lt;/b&gt;と&lt;b&gt;手法&lt;/b&gt;: &lt;i&gt;spots&lt;/i&gt;（点分析の相を使う、qntmapと同じ）、&lt;i&gt;polygons&lt;/i&gt;（描いた相: &lt;b&gt;学習用ポリゴン&lt;/b&gt;とその&lt;b&gt;相フィールド&lt;/b&gt;）、&lt;i&gt;mixture&lt;/i&gt;（教師なし、&lt;b&gt;相の数&lt;/b&gt;）、&lt;i&gt;sfcm&lt;/i&gt;（教師なしの空間ファジィc-means、GEOFCM: &lt;b&gt;相の数&lt;/b&gt;、&lt;b&gt;ファジィ度 m&lt;/b&gt;、&lt;b&gt;空間重み&lt;/b&gt;、&lt;b&gt;近傍ウィンドウ&lt;/b&gt;; 相の境界で帰属度がなだらかに変化）。XMapToolsプロジェクトでは、&lt;i&gt;spots&lt;/i&gt;はそのClassification.txtの学習ピクセルから始めます。

出力: 相ラベル、相ごとの帰属度マップ、モード組成を含む&lt;b&gt;出力フォルダ&lt;/b&gt;。QGISで実行すると、マップは一つのグループにまとめてプロジェクトに追加されます。フォルダを指定しない場合は一時フォルダになります。

&lt;i&gt;mixture&lt;/i&gt;手法にはscikit-learnが必要です: プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Classify phases</source>
        <translation>相の分類</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>EPMA phases — {maps}</source>
        <translation>EPMA相 — {maps}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Fuzziness m (spatial fuzzy c-means)</source>
        <translation>ファジィ度 m（空間ファジィc-means）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Map set folder</source>
        <translation>マップセットフォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Membership {phase}</source>
        <translation>帰属度 {phase}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Method (spots: Poisson LDA from spot phases; polygons: Poisson LDA from polygons; mixture: Gaussian mixture; sfcm: spatial fuzzy c-means)</source>
        <translation>手法（spots: 点分析の相からPoisson LDA; polygons: ポリゴンからPoisson LDA; mixture: ガウス混合; sfcm: 空間ファジィc-means）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Modal abundances</source>
        <translation>モード組成</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Neighbourhood window, pixels (spatial fuzzy c-means)</source>
        <translation>近傍ウィンドウ、ピクセル（空間ファジィc-means）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Number of phases (unsupervised)</source>
        <translation>相の数（教師なし）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Output folder (temporary, deleted when QGIS closes, unless you choose one)</source>
        <translation>出力フォルダ（指定しない場合は一時フォルダで、QGISの終了時に削除されます）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Phase field</source>
        <translation>相フィールド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Phase labels</source>
        <translation>相ラベル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Poisson LDA power transform: {power:.4f}</source>
        <translation>Poisson LDAのべき変換: {power:.4f}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Spatial weight (spatial fuzzy c-means; 0: plain FCM)</source>
        <translation>空間重み（空間ファジィc-means; 0: 通常のFCM）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>Training polygons</source>
        <translation>学習用ポリゴン</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaphases.py"/>
        <source>{phase}: {pixels} pixels ({percent:.2f} %), mean membership {mean:.4f}</source>
        <translation>{phase}: {pixels} ピクセル（{percent:.2f} %）、平均帰属度 {mean:.4f}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Column prefix</source>
        <translation>列の接頭辞</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Composition profile along a line</source>
        <translation>線に沿った組成プロファイル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Give the profile line: a line layer (draw it over the maps) or a WKT line.</source>
        <translation>プロファイルの線を指定してください: ラインレイヤ（マップの上に描く）またはWKTのライン。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Line (WKT)</source>
        <translation>ライン（WKT）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Line layer</source>
        <translation>ラインレイヤ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Map folder</source>
        <translation>マップフォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Maps</source>
        <translation>マップ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Profile plots</source>
        <translation>プロファイル図</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Profile table</source>
        <translation>プロファイル表</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Samples</source>
        <translation>サンプル数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Samples maps along a line: a core-to-rim traverse of a zoned crystal, or any profile.

Use: the &lt;b&gt;Maps&lt;/b&gt; (layers) and/or a &lt;b&gt;Map folder&lt;/b&gt;, and the line: a &lt;b&gt;Line layer&lt;/b&gt; you draw over the maps or a &lt;b&gt;Line (WKT)&lt;/b&gt;. &lt;b&gt;Step&lt;/b&gt; and &lt;b&gt;Width&lt;/b&gt; set the spacing and the averaging across the line.

Out: a &lt;b&gt;Profile table&lt;/b&gt; (CSV: distance, position and one column per map) and, optionally, &lt;b&gt;Profile plots&lt;/b&gt; (HTML). A &lt;b&gt;Column prefix&lt;/b&gt; such as grt_ makes the table ready for 'Bayesian P-T path'.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>マップを線に沿ってサンプリングします: 累帯構造を持つ結晶のコアからリムへのトラバース、または任意のプロファイル。

入力: &lt;b&gt;マップ&lt;/b&gt;（レイヤ）と/または&lt;b&gt;マップフォルダ&lt;/b&gt;、および線: マップの上に描いた&lt;b&gt;ラインレイヤ&lt;/b&gt;または&lt;b&gt;ライン（WKT）&lt;/b&gt;。&lt;b&gt;ステップ&lt;/b&gt;と&lt;b&gt;幅&lt;/b&gt;でサンプリング間隔と線の横方向の平均幅を決めます。

出力: &lt;b&gt;プロファイル表&lt;/b&gt;（CSV: 距離、位置、マップごとに1列）と、任意で&lt;b&gt;プロファイル図&lt;/b&gt;（HTML）。grt_ のような&lt;b&gt;列の接頭辞&lt;/b&gt;を付けると、表をそのまま「ベイズ推定による温度圧力経路」に使えます。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Step (map units)</source>
        <translation>ステップ（地図単位）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>Width (map units)</source>
        <translation>幅（地図単位）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaprofile.py"/>
        <source>{n} samples over {distance:.4g} map units, {count} maps: {maps}</source>
        <translation>{n} サンプル、{distance:.4g} 地図単位にわたり、マップ {count} 枚: {maps}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source> (pooled {pooled})</source>
        <translation>（プール: {pooled}）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Denoise counts for wt%-spot standardisation (poisson: phase-aware Poisson denoising; mean3: 3 x 3 means; none)</source>
        <translation>wt%点分析による標準化のためのカウントのノイズ除去（poisson: 相を考慮したポアソンノイズ除去; mean3: 3 x 3 平均; none: なし）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>EPMA quantified — {maps}</source>
        <translation>EPMA定量組成マップ — {maps}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Mask polygons</source>
        <translation>マスクポリゴン</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Phase densities (PHASE=g/cm3, ...)</source>
        <translation>相の密度（PHASE=g/cm3, ...）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Phase folder (from 'Classify phases')</source>
        <translation>相フォルダ（「相の分類」の出力）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Polygon compositions</source>
        <translation>ポリゴンの組成</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Polygon name field</source>
        <translation>ポリゴン名フィールド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Polygon {k} {name}: Total {total:.2f} wt% over {pixels} pixels</source>
        <translation>ポリゴン {k} {name}: Total {total:.2f} wt%、{pixels} ピクセル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Quantify EPMA maps</source>
        <translation>EPMAマップの定量化</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Spot phases {unknown} are not among the classified phases {phases}: they enter only the pooled alpha.</source>
        <translation>点分析の相 {unknown} は分類された相 {phases} に含まれていません。これらはプールしたalphaにのみ使われます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Spots rejected as outliers for beta: {spots}</source>
        <translation>betaの外れ値として除外した点分析: {spots}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Standard-error maps</source>
        <translation>標準誤差マップ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Standardised on the wt% of the spots, counts {denoise}-denoised; kernel widths (px) per phase {phases}: {widths}</source>
        <translation>点分析のwt%で標準化しました。カウントは {denoise} でノイズ除去。相 {phases} ごとのカーネル幅（px）: {widths}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Total wt%</source>
        <translation>Total wt%</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>Turns EPMA X-ray maps into oxide wt% maps calibrated on the spot analyses (the qntmap method).

Use: the &lt;b&gt;Map set folder&lt;/b&gt; from 'Import EPMA map set' (with spots) and, optionally, the &lt;b&gt;Phase folder&lt;/b&gt; from 'Classify phases' (computed if left empty). Optional &lt;b&gt;Mask polygons&lt;/b&gt; give the bulk composition of each polygon.

Spots with wt% only (an XMapTools project) are standardised on the map counts under them, per phase, after &lt;b&gt;Denoise counts&lt;/b&gt; (poisson: phase-aware Poisson denoising, the default; mean3: 3 x 3 means; none: pixel by pixel); the denoised count maps and their standard errors are written too.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with one wt% map per oxide, the Total, standard-error maps and the calibration table. After a run in QGIS the oxide and Total maps are in the project, in one group. The folder is temporary unless you choose one.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>EPMAのX線マップを、点分析で較正した酸化物wt%マップ（定量組成マップ）に変換します（qntmapの手法）。

入力: 「EPMAマップセットの読み込み」で作った&lt;b&gt;マップセットフォルダ&lt;/b&gt;（点分析付き）と、任意で「相の分類」で作った&lt;b&gt;相フォルダ&lt;/b&gt;（空欄なら計算します）。任意の&lt;b&gt;マスクポリゴン&lt;/b&gt;を指定すると、ポリゴンごとの全岩組成を求めます。

wt%だけの点分析（XMapToolsプロジェクト）は、&lt;b&gt;カウントのノイズ除去&lt;/b&gt;（poisson: 相を考慮したポアソンノイズ除去、既定; mean3: 3 x 3 平均; none: ピクセルごと）の後、その下のマップのカウントで相ごとに標準化されます。ノイズ除去したカウントマップとその標準誤差も書き出されます。

出力: 酸化物ごとのwt%マップ、Total、標準誤差マップ、較正表を含む&lt;b&gt;出力フォルダ&lt;/b&gt;。QGISで実行すると、酸化物とTotalのマップは一つのグループにまとめてプロジェクトに追加されます。フォルダを指定しない場合は一時フォルダになります。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/epmaquantify.py"/>
        <source>{oxide} in {phase}: alpha {a:.6g}, beta {b:.6g}, gamma {g:.6g}, {n} spots</source>
        <translation>{phase} 中の {oxide}: alpha {a:.6g}、beta {b:.6g}、gamma {g:.6g}、点分析 {n} 点</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Distance to the nearest real cell</source>
        <translation>最も近い実測セルまでの距離</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Distance units (map: map units, metres for a geographic CRS)</source>
        <translation>距離の単位（map: 地図単位、地理座標系ではメートル）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Fill gaps in bathymetry</source>
        <translation>水深グリッドの欠損補間</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Fill only holes enclosed by data (no extrapolation)</source>
        <translation>データに囲まれた穴だけを補間（外挿しない）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Filled grid</source>
        <translation>補間したグリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Filled mask (1 = estimated)</source>
        <translation>補間マスク（1 = 推定）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Fills the nodata holes of a bathymetry grid and says which cells are estimates. Real cells are copied unchanged.

Use: an &lt;b&gt;Input grid&lt;/b&gt;. The default &lt;b&gt;Method&lt;/b&gt; (&lt;i&gt;spline&lt;/i&gt;, splines in tension) was the most accurate on our real test grids; &lt;i&gt;sparse&lt;/i&gt; and &lt;i&gt;idw&lt;/i&gt; are alternatives. By default only holes enclosed by data are filled; &lt;b&gt;Maximum distance&lt;/b&gt; leaves cells far from data empty.

Out: the filled grid; optionally a &lt;b&gt;Filled mask&lt;/b&gt; (1 = estimated, 0 = real) and the &lt;b&gt;Distance&lt;/b&gt; to the nearest real cell. Holes too wide for the tile overlap stay empty and are listed in the log.

Trust layers (optional): &lt;b&gt;Uncertainty&lt;/b&gt; (how far each filled cell may be off, in depth units; 0 on real cells, or a BAG input's own uncertainty) and &lt;b&gt;Provenance&lt;/b&gt; (1 = measured, 2 = filled). An output ending in .bag holds the grid and its uncertainty.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>水深グリッドのnodataの穴（欠損）を補間し、どのセルが推定値かを示します。実測のセルはそのままコピーされます。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;。既定の&lt;b&gt;手法&lt;/b&gt;（&lt;i&gt;spline&lt;/i&gt;、テンション付きスプライン）は、実データのテストグリッドで最も精度が高い手法でした。&lt;i&gt;sparse&lt;/i&gt;と&lt;i&gt;idw&lt;/i&gt;も選べます。既定ではデータに囲まれた穴だけを補間します。&lt;b&gt;データからの最大距離&lt;/b&gt;を指定すると、データから遠いセルは空のまま残ります。

出力: 補間したグリッド。任意で&lt;b&gt;補間マスク&lt;/b&gt;（1 = 推定、0 = 実測）と、最も近い実測セルまでの&lt;b&gt;距離&lt;/b&gt;。タイルの重なりより大きい穴は空のまま残り、ログに一覧が出ます。

信頼度レイヤ（任意）: &lt;b&gt;不確かさ&lt;/b&gt;（補間した各セルがどれだけずれうるか、水深の単位; 実測セルでは0、BAG入力ではその不確かさ）と&lt;b&gt;由来&lt;/b&gt;（1 = 実測、2 = 補間）。.bag で終わる出力にはグリッドとその不確かさが入ります。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Maximum distance from data (0 = no limit)</source>
        <translation>データからの最大距離（0 = 制限なし）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Maximum tile overlap (cells; wider holes stay empty)</source>
        <translation>タイルの最大重なり（セル; これより大きい穴は空のまま）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Method (spline: splines in tension; sparse: DCT inpainting; idw: inverse distance)</source>
        <translation>手法（spline: テンション付きスプライン; sparse: DCTインペインティング; idw: 逆距離加重）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>Tension (splines, 0..1)</source>
        <translation>テンション（スプライン、0..1）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>{count} hole(s) are wider than the maximum overlap ({overlap} cells) and were left empty; raise Maximum tile overlap to fill them. At: {where}</source>
        <translation>{count} 個の穴はタイルの最大重なり（{overlap} セル）より大きいため空のまま残しました。補間するには「タイルの最大重なり」を大きくしてください。位置: {where}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/fillgaps.py"/>
        <source>{method}: {holes:,} hole(s) in {w} x {h} cells; {holes_filled:,} filled ({cells_filled:,} cells estimated), {holes_outside:,} outside the data footprint left empty, {cells_empty:,} cells still nodata; tile overlap {margin} cells, {tiles} tile(s) in {seconds:.1f} s. Distances in {units}.</source>
        <translation>{method}: {w} x {h} セル中の穴 {holes:,} 個。補間 {holes_filled:,} 個（推定したセル {cells_filled:,}）、データ範囲外で空のまま {holes_outside:,} 個、nodataのまま残るセル {cells_empty:,}。タイルの重なり {margin} セル、タイル {tiles} 個、{seconds:.1f} 秒。距離の単位: {units}。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>, shoalest = {shoalest}</source>
        <translation>、最浅値 = {shoalest}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Cell size in layer units (0 = from the soundings)</source>
        <translation>セルサイズ（レイヤの単位; 0 = 測深データから決定）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Count (soundings per cell)</source>
        <translation>カウント（セルごとの測深データ数）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Depth</source>
        <translation>水深</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Extent (default: the soundings')</source>
        <translation>範囲（既定: 測深データの範囲）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Grid soundings</source>
        <translation>測深データのグリッド化</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Gridded {used:,} soundings into {width} x {height} cells of {cell:g} ({filled:,} cells hold soundings; {outside:,} soundings outside the extent or without depth); statistic: {statistic}</source>
        <translation>測深データ {used:,} 点を {width} x {height} セル（セルサイズ {cell:g}）にグリッド化しました（測深データのあるセル {filled:,}; 範囲外または水深のない測深データ {outside:,} 点）。統計量: {statistic}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Grids soundings (e.g. the accepted output of 'Clean soundings') into a north-up raster in the soundings' CRS.

Use: the &lt;b&gt;Soundings&lt;/b&gt; and their &lt;b&gt;Depth field&lt;/b&gt;. &lt;b&gt;Cell size&lt;/b&gt; 0 picks one from the spacing of the soundings. &lt;b&gt;Statistic&lt;/b&gt;: median (default), mean or shoalest.

Out: &lt;b&gt;Depth&lt;/b&gt;, &lt;b&gt;Count&lt;/b&gt; (soundings per cell) and &lt;b&gt;Standard deviation&lt;/b&gt; rasters, nodata where no sounding falls, ready for gap filling and super-resolution.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>測深データ（例:「測深データのクリーニング」の採用出力）を、測深データと同じ座標参照系の北向きラスタにグリッド化します。

入力: &lt;b&gt;測深データ&lt;/b&gt;とその&lt;b&gt;水深フィールド&lt;/b&gt;。&lt;b&gt;セルサイズ&lt;/b&gt;が0なら測深データの間隔から決めます。&lt;b&gt;統計量&lt;/b&gt;: median（中央値、既定）、mean（平均）またはshoalest（最浅値）。

出力: &lt;b&gt;水深&lt;/b&gt;、&lt;b&gt;カウント&lt;/b&gt;（セルごとの測深データ数）、&lt;b&gt;標準偏差&lt;/b&gt;のラスタ。測深データのないセルはnodataで、そのまま欠損補間や超解像に使えます。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Standard deviation</source>
        <translation>標準偏差</translation>
    </message>
    <message>
        <location filename="../plugin/processing/gridsoundings.py"/>
        <source>Statistic</source>
        <translation>統計量</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>'Only the wheelhouse' needs a wheelhouse folder of downloaded wheels.</source>
        <translation>「ホイールハウスのみ使用」には、ダウンロード済みのホイールを入れたホイールハウスフォルダが必要です。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Install missing packages</source>
        <translation>不足パッケージのインストール</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Installed packages</source>
        <translation>インストールしたパッケージ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Installed {} into {}</source>
        <translation>{} を {} にインストールしました</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Installs the Python packages that some GeoInverse algorithms need and QGIS does not ship (onnxruntime, scikit-learn), with QGIS's own Python and pip. QGIS's numpy and scipy are kept; if anything fails, nothing is installed.

Use: run it once, without parameters, when an algorithm says a package is missing. Offline: give a &lt;b&gt;Wheelhouse folder&lt;/b&gt; of .whl files downloaded beforehand and tick &lt;b&gt;Only the wheelhouse&lt;/b&gt;.

Out: the packages in &lt;code&gt;geoinverse-packages&lt;/code&gt; in the QGIS profile's python folder, used at once (the log says when QGIS must be restarted instead). Remove that folder to uninstall.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description.</source>
        <translation>GeoInverseの一部のアルゴリズムが必要とし、QGISに同梱されていないPythonパッケージ（onnxruntime、scikit-learn）を、QGIS自身のPythonとpipでインストールします。QGISのnumpyとscipyはそのまま残ります。何かが失敗した場合は何もインストールされません。

使い方: パッケージが不足しているとアルゴリズムが表示したときに、パラメータなしで一度実行します。オフラインの場合: 事前にダウンロードした .whl ファイルの&lt;b&gt;ホイールハウスフォルダ&lt;/b&gt;を指定し、&lt;b&gt;ホイールハウスのみ使用&lt;/b&gt;にチェックを入れます。

出力: QGISプロファイルのpythonフォルダ内の &lt;code&gt;geoinverse-packages&lt;/code&gt; にパッケージが入り、すぐに使えます（QGISの再起動が必要な場合はログに表示されます）。アンインストールするにはそのフォルダを削除します。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Packages folder</source>
        <translation>パッケージフォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Restart QGIS needed</source>
        <translation>QGISの再起動が必要</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Restart QGIS so that the algorithms use the new packages.</source>
        <translation>新しいパッケージをアルゴリズムで使うにはQGISを再起動してください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/installdependencies.py"/>
        <source>Wheelhouse folder (offline installs)</source>
        <translation>ホイールハウスフォルダ（オフラインインストール用）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Composition table</source>
        <translation>組成表</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Element columns (default: all numeric)</source>
        <translation>元素の列（既定: すべての数値列）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Estimates which elements were gained or lost when a rock was altered, and the mass change, from whole-rock compositions (isocon analysis).

Use: a &lt;b&gt;Composition table&lt;/b&gt; (CSV or any layer, one row per sample), its &lt;b&gt;Sample name field&lt;/b&gt; and the &lt;b&gt;Reference (protolith) sample&lt;/b&gt;. &lt;b&gt;Mode&lt;/b&gt; &lt;i&gt;sparse&lt;/i&gt; (default) finds the immobile elements itself; &lt;i&gt;classical&lt;/i&gt; uses the &lt;b&gt;Immobile elements&lt;/b&gt; you name.

Out: a table of the gain or loss of every element in every sample, with the mass change, and an HTML &lt;b&gt;Report&lt;/b&gt; with the isocon diagrams.

The sparse mode is our own formulation after the abstract of Kuwatani et al. (2020), whose full text we could not read; it may differ from the paper.

Needs the Python package matplotlib for the report.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>全岩組成から、岩石が変質したときにどの元素が付加・除去されたか、および質量変化を推定します（アイソコン解析）。

入力: &lt;b&gt;組成表&lt;/b&gt;（CSVまたは任意のレイヤ、1試料1行）、その&lt;b&gt;試料名フィールド&lt;/b&gt;、&lt;b&gt;参照（原岩）試料&lt;/b&gt;。&lt;b&gt;モード&lt;/b&gt;の&lt;i&gt;sparse&lt;/i&gt;（既定）は不動元素を自動で見つけます。&lt;i&gt;classical&lt;/i&gt;は指定した&lt;b&gt;不動元素&lt;/b&gt;を使います。

出力: 各試料の各元素の付加・除去量と質量変化の表、およびアイソコン図を含むHTMLの&lt;b&gt;レポート&lt;/b&gt;。

sparseモードは、Kuwatani et al. (2020) の要旨をもとにした独自の定式化です（本文は参照できませんでした）。論文の手法とは異なる場合があります。

レポートにはPythonパッケージmatplotlibが必要です。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Immobile elements (classical mode)</source>
        <translation>不動元素（classicalモード）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Isocon analysis (mass transfer)</source>
        <translation>アイソコン解析（物質移動）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Isocon table</source>
        <translation>アイソコン表</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Reference (protolith) sample</source>
        <translation>参照（原岩）試料</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Reference {reference}; {mode} isocon; immobile: {immobile}.</source>
        <translation>参照 {reference}。{mode} アイソコン。不動元素: {immobile}。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Sample name field</source>
        <translation>試料名フィールド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Samples to analyse (comma-separated; default all others)</source>
        <translation>解析する試料（カンマ区切り; 既定はそれ以外のすべて）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Slope from the immobile ratios</source>
        <translation>不動元素の比から求める傾き</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Tolerance (RMS log change of an immobile element)</source>
        <translation>許容値（不動元素の対数変化のRMS）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>Units (e.g. 'Ti=wt%, Au=ppb'; default by name)</source>
        <translation>単位（例 'Ti=wt%, Au=ppb'; 既定は名前から判断）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>q (sparse mode: 2 = least squares, smaller = sparser)</source>
        <translation>q（sparseモード: 2 = 最小二乗、小さいほどスパース）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>q scan (comma-separated, sparse mode)</source>
        <translation>qの走査値（カンマ区切り、sparseモード）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>q scan: '{text}' is not a number.</source>
        <translation>qの走査値: '{text}' は数値ではありません。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/isocon.py"/>
        <source>{sample}: M_A/M_O = {ratio:.4f} ± {se:.4f} (mass change {change:+.1f} %), isocon slope {slope:.4f} ({estimator}).</source>
        <translation>{sample}: M_A/M_O = {ratio:.4f} ± {se:.4f}（質量変化 {change:+.1f} %）、アイソコンの傾き {slope:.4f}（{estimator}）。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>'{layer}' is not a GDAL raster; save it as a GeoTIFF first.</source>
        <translation>'{layer}' はGDALラスタではありません。先にGeoTIFFとして保存してください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Atoms</source>
        <translation>アトム数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Atoms sheet</source>
        <translation>アトムシート</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Dictionary</source>
        <translation>辞書</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>High-resolution grids</source>
        <translation>高解像度グリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Iterations</source>
        <translation>反復回数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Learn terrain dictionary</source>
        <translation>地形辞書の学習</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Learned {atoms} atoms of {patch} x {patch} fine cells (x{scale}) from {patches:,} patches; {components} feature components; {used} atoms in use.</source>
        <translation>{patches:,} 個のパッチから、{patch} x {patch} の細かいセル（x{scale}）のアトム {atoms} 個を学習しました。特徴量の成分 {components} 個、使われているアトム {used} 個。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Learns a terrain dictionary from high-resolution grids of your region, for 'Super-resolve bathymetry (sparse coding)'.

Use: one or more &lt;b&gt;High-resolution grids&lt;/b&gt; of the kind of seafloor you will super-resolve, and the &lt;b&gt;Scale factor&lt;/b&gt;. The other settings have good defaults.

Out: the dictionary (.npz, with a record of the grids and settings) and a PNG sheet of its patterns, most used first.

Needs the Python package matplotlib for the sheet.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>対象海域の高解像度グリッドから地形辞書を学習します。「水深の超解像（スパースコーディング）」で使います。

入力: 超解像したい海底地形と同じ種類の&lt;b&gt;高解像度グリッド&lt;/b&gt;（1つ以上）と&lt;b&gt;倍率&lt;/b&gt;。その他の設定には適切な既定値があります。

出力: 辞書（.npz、使ったグリッドと設定の記録付き）と、そのパターンを使用頻度の高い順に並べたPNGシート。

シートにはPythonパッケージmatplotlibが必要です。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>PNG images (*.png)</source>
        <translation>PNG画像 (*.png)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Patch size (coarse cells)</source>
        <translation>パッチサイズ（粗いセル数）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Sparsity (atoms per patch)</source>
        <translation>スパース性（パッチあたりのアトム数）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Terrain dictionary (*.npz)</source>
        <translation>地形辞書 (*.npz)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/learndictionary.py"/>
        <source>Training patches</source>
        <translation>学習パッチ数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Dead time [ns] (-1: from the conditions)</source>
        <translation>不感時間 [ns]（-1: 条件ファイルから）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>EPMA maps — {maps}</source>
        <translation>EPMAマップ — {maps}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Import EPMA map set</source>
        <translation>EPMAマップセットの読み込み</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Imports an electron-microprobe (EPMA) X-ray map set and its spot analyses.

Use: a JEOL &lt;b&gt;Map folder&lt;/b&gt; (or a qntmap &lt;b&gt;Map conditions CSV&lt;/b&gt;) and, for quantification later, the &lt;b&gt;Spot analyses folder&lt;/b&gt; (.qnt). An XMapTools project folder (element count matrices such as &lt;code&gt;Mg.txt&lt;/code&gt;, &lt;code&gt;Standards.txt&lt;/code&gt; with the spot analyses in wt%, optional &lt;code&gt;Classification.txt&lt;/code&gt;) is recognised by its files and needs nothing else.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with one map per element (cps/uA, no CRS, so the maps overlay each other) and the &lt;b&gt;Spot analyses&lt;/b&gt; as a point layer. After a run in QGIS they are in the project, in a group named after the sample. The output folder is temporary unless you choose one.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>電子プローブマイクロアナライザ（EPMA）のX線マップセットと点分析を読み込みます。

入力: JEOLの&lt;b&gt;マップフォルダ&lt;/b&gt;（またはqntmapの&lt;b&gt;マップ条件CSV&lt;/b&gt;）と、後で定量化する場合は&lt;b&gt;点分析フォルダ&lt;/b&gt;（.qnt）。XMapToolsプロジェクトのフォルダ（&lt;code&gt;Mg.txt&lt;/code&gt; のような元素カウント行列、wt%の点分析を含む &lt;code&gt;Standards.txt&lt;/code&gt;、任意の &lt;code&gt;Classification.txt&lt;/code&gt;）はファイルから認識され、他には何も要りません。

出力: 元素ごとのマップ（cps/uA、座標参照系なしで、マップ同士が重なります）を含む&lt;b&gt;出力フォルダ&lt;/b&gt;と、点レイヤとしての&lt;b&gt;点分析&lt;/b&gt;。QGISで実行すると、試料名のグループにまとめてプロジェクトに追加されます。出力フォルダを指定しない場合は一時フォルダになります。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Map conditions CSV (instead of the folder)</source>
        <translation>マップ条件CSV（フォルダの代わり）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Map folder (JEOL .map, or an XMapTools project)</source>
        <translation>マップフォルダ（JEOL .map、またはXMapToolsプロジェクト）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Output folder (element maps, cps/uA; temporary, deleted when QGIS closes, unless you choose one)</source>
        <translation>出力フォルダ（元素マップ、cps/uA; 指定しない場合は一時フォルダで、QGISの終了時に削除されます）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spot analyses</source>
        <translation>点分析</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spot analyses folder (JEOL .qnt)</source>
        <translation>点分析フォルダ（JEOL .qnt）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spot conditions CSV</source>
        <translation>点分析条件CSV</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spots</source>
        <translation>点分析</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>Spots {spots} share a pixel with an earlier spot and were dropped.</source>
        <translation>点分析 {spots} は先の点分析と同じピクセルにあるため除外しました。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>{count} element maps ({elements}), {cols} x {rows} pixels, dwell {dwell} ms, {current:g} A, dead time {deadtime} ns.</source>
        <translation>元素マップ {count} 枚（{elements}）、{cols} x {rows} ピクセル、滞在時間 {dwell} ms、{current:g} A、不感時間 {deadtime} ns。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/loadepma.py"/>
        <source>{n} spot analyses of {phases}; {off} outside the map.</source>
        <translation>{phases} の点分析 {n} 点。マップ外 {off} 点。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Fe3+ by charge balance</source>
        <translation>電荷バランスによるFe3+</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Mineral</source>
        <translation>鉱物</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Mineral formula maps</source>
        <translation>鉱物組成式マップ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Oxide folder (wt% rasters)</source>
        <translation>酸化物フォルダ（wt%ラスタ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Oxygen basis (0: the mineral's)</source>
        <translation>酸素数の基準（0: その鉱物の値）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Phase</source>
        <translation>相</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Phase folder</source>
        <translation>相フォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>Turns oxide wt% maps into mineral structural-formula maps: cations per formula unit and end-member fractions.

Use: the &lt;b&gt;Oxide folder&lt;/b&gt; (the output of 'Quantify EPMA maps'), the &lt;b&gt;Mineral&lt;/b&gt;, and optionally Fe3+ by charge balance and a &lt;b&gt;Phase folder&lt;/b&gt; and &lt;b&gt;Phase&lt;/b&gt; to compute only that phase's pixels.

Out: an &lt;b&gt;Output folder&lt;/b&gt; with one map per cation, the cation sum and each end member, without CRS so they overlay the maps. After a run in QGIS they are in the project, in one group. The folder is temporary unless you choose one.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>酸化物wt%マップを鉱物の構造式マップ（鉱物組成）に変換します: 化学式単位あたりの陽イオン数と端成分の割合。

入力: &lt;b&gt;酸化物フォルダ&lt;/b&gt;（「EPMAマップの定量化」の出力）、&lt;b&gt;鉱物&lt;/b&gt;、任意で電荷バランスによるFe3+、そしてその相のピクセルだけを計算するための&lt;b&gt;相フォルダ&lt;/b&gt;と&lt;b&gt;相&lt;/b&gt;。

出力: 陽イオンごとのマップ、陽イオンの合計、各端成分を含む&lt;b&gt;出力フォルダ&lt;/b&gt;。座標参照系なしで、元のマップに重なります。QGISで実行すると、一つのグループにまとめてプロジェクトに追加されます。フォルダを指定しない場合は一時フォルダになります。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>{mineral} formula — {maps}</source>
        <translation>{mineral} の組成式 — {maps}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>{mineral} from {oxides}</source>
        <translation>{oxides} から {mineral}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/mineralformula.py"/>
        <source>{name}: median {median:.4f}</source>
        <translation>{name}: 中央値 {median:.4f}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Analytical precision, absolute (wt%)</source>
        <translation>分析精度、絶対値（wt%）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Analytical precision, relative (%)</source>
        <translation>分析精度、相対値（%）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Bayesian P-T path</source>
        <translation>ベイズ推定による温度圧力経路</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Estimates the pressure-temperature path recorded by a zoned garnet: P and T of every growth zone at once, with credible intervals, also for zones that lack an equilibrium.

Use: a &lt;b&gt;Zone table&lt;/b&gt; (CSV, core to rim, one row per zone: garnet oxides and those of the paired inclusion or matrix grain) and the &lt;b&gt;Thermobarometers&lt;/b&gt; to apply. A &lt;b&gt;Growth law&lt;/b&gt; adds relative time (P-T-t). Or, instead of a zone table, a &lt;b&gt;Garnet profile&lt;/b&gt; (epmaprofile's table, or end-member fractions Xalm, Xprp, Xgrs, Xsps against distance) with the &lt;b&gt;Matrix biotite&lt;/b&gt; and &lt;b&gt;Matrix plagioclase&lt;/b&gt; you assume (e.g. XMg=0.45, An=0.3). grt-bt-hw00 (Holdaway 2000) uses ideal garnet: his garnet parameters were not available.

Out: a &lt;b&gt;Path table&lt;/b&gt; (CSV: P and T per zone with 95 % intervals) and an HTML &lt;b&gt;Report&lt;/b&gt; with the path in P-T space.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>累帯構造を持つざくろ石が記録した温度圧力経路（P-T経路）を推定します: すべての成長帯のPとTを信用区間付きで一度に求めます。平衡が得られない帯についても求めます。

入力: &lt;b&gt;帯の表&lt;/b&gt;（CSV、コアからリムへ、1帯1行: ざくろ石の酸化物と、対になる包有物または基質鉱物の酸化物）と、適用する&lt;b&gt;地質温度圧力計&lt;/b&gt;。&lt;b&gt;成長則&lt;/b&gt;を指定すると相対時間が加わります（P-T-t）。帯の表の代わりに、&lt;b&gt;ざくろ石のプロファイル&lt;/b&gt;（epmaprofileの表、または距離に対する端成分の割合 Xalm、Xprp、Xgrs、Xsps）と、仮定する&lt;b&gt;基質の黒雲母&lt;/b&gt;と&lt;b&gt;基質の斜長石&lt;/b&gt;（例: XMg=0.45、An=0.3）を使うこともできます。grt-bt-hw00（Holdaway 2000）は理想ざくろ石を仮定します（Holdawayのざくろ石のパラメータが入手できなかったため）。

出力: &lt;b&gt;経路表&lt;/b&gt;（CSV: 帯ごとのPとT、95 %区間付き）と、P-T空間での経路を示すHTMLの&lt;b&gt;レポート&lt;/b&gt;。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Garnet profile (instead of a zone table)</source>
        <translation>ざくろ石のプロファイル（帯の表の代わり）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Give a zone table (INPUT) or a garnet profile (PROFILE) with the matrix.</source>
        <translation>帯の表（INPUT）、または基質を指定したざくろ石のプロファイル（PROFILE）を指定してください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Growth law (P-T-t)</source>
        <translation>成長則（P-T-t）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Growth zones (profile)</source>
        <translation>成長帯の数（プロファイル）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Include calibration uncertainty</source>
        <translation>較正の不確かさを含める</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Matrix biotite (profile)</source>
        <translation>基質の黒雲母（プロファイル）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Matrix plagioclase (profile)</source>
        <translation>基質の斜長石（プロファイル）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Mn partition coefficient garnet/matrix (Rayleigh)</source>
        <translation>ざくろ石/基質間のMn分配係数（レイリー）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Number of zones</source>
        <translation>帯の数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Path table</source>
        <translation>経路表</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Peak pressure (kbar)</source>
        <translation>最高圧力（kbar）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Peak temperature (C)</source>
        <translation>最高温度（°C）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Posterior samples</source>
        <translation>事後サンプル数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Prior (difference order)</source>
        <translation>事前分布（差分の次数）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Profile runs</source>
        <translation>プロファイルの向き</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Random seed</source>
        <translation>乱数シード</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Robust (Student-t) noise, growth-law mode</source>
        <translation>ロバスト（スチューデントのt）ノイズ、成長則モード</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Scale the prior by the distances</source>
        <translation>距離で事前分布をスケーリング</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Thermobarometers</source>
        <translation>地質温度圧力計</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>Zone table (CSV, core to rim)</source>
        <translation>帯の表（CSV、コアからリムへ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>core</source>
        <translation>コア</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>hyperparameters: {values}</source>
        <translation>ハイパーパラメータ: {values}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>rim</source>
        <translation>リム</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>{name}: {note}.</source>
        <translation>{name}: {note}。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>{n} zones, {lacking} lacking an equilibrium; {samples} posterior samples (acceptance {acceptance:.2f}).</source>
        <translation>{n} 帯、平衡の得られない帯 {lacking}。事後サンプル {samples} 個（受理率 {acceptance:.2f}）。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpath.py"/>
        <source>{where} ({zone}): P {p:.2f} [{p_lo:.2f}, {p_hi:.2f}] kbar, T {t:.0f} [{t_lo:.0f}, {t_hi:.0f}] C</source>
        <translation>{where}（{zone}）: P {p:.2f} [{p_lo:.2f}, {p_hi:.2f}] kbar、T {t:.0f} [{t_lo:.0f}, {t_hi:.0f}] °C</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Estimates one pressure-temperature path from all the garnet grains of quantified maps.

Use: the &lt;b&gt;Oxide map folder&lt;/b&gt; of 'Quantify EPMA maps' (FeO, MgO, CaO, MnO ... in wt%), a &lt;b&gt;Garnet membership&lt;/b&gt; raster (probability or 0/1) and the &lt;b&gt;Matrix biotite&lt;/b&gt; and &lt;b&gt;Matrix plagioclase&lt;/b&gt; you assume (e.g. XMg=0.45, An=0.3). Grains are the connected patches above the &lt;b&gt;Threshold&lt;/b&gt;; growth zones come from the distance core to rim or a &lt;b&gt;Zoning element&lt;/b&gt; contour; &lt;b&gt;Nucleation offsets&lt;/b&gt; place late grains later on the path.

Out: a &lt;b&gt;Path table&lt;/b&gt; (CSV: P and T per zone with 95 % intervals), an optional &lt;b&gt;Grain table&lt;/b&gt; and an HTML &lt;b&gt;Report&lt;/b&gt; with the path, its 95 % ellipses and the assumptions.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, the checks and references.</source>
        <translation>定量組成マップのすべてのざくろ石粒子から、一つの温度圧力経路を推定します。

入力: 「EPMAマップの定量化」の&lt;b&gt;酸化物マップフォルダ&lt;/b&gt;（FeO、MgO、CaO、MnO などのwt%）、&lt;b&gt;ざくろ石の帰属度&lt;/b&gt;ラスタ（確率または0/1）、仮定する&lt;b&gt;基質の黒雲母&lt;/b&gt;と&lt;b&gt;基質の斜長石&lt;/b&gt;（例: XMg=0.45、An=0.3）。粒子は&lt;b&gt;しきい値&lt;/b&gt;を超える連結領域です。成長帯はコアからリムへの距離、または&lt;b&gt;累帯構造の元素&lt;/b&gt;の等値線から決めます。&lt;b&gt;核形成のずれ&lt;/b&gt;は、遅れて成長した粒子を経路上の後の位置に置きます。

出力: &lt;b&gt;経路表&lt;/b&gt;（CSV: 帯ごとのPとT、95 %区間付き）、任意の&lt;b&gt;粒子表&lt;/b&gt;、および経路とその95 %楕円、仮定を示すHTMLの&lt;b&gt;レポート&lt;/b&gt;。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、確認事項、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Garnet membership raster</source>
        <translation>ざくろ石の帰属度ラスタ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Grain table</source>
        <translation>粒子表</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Growth zones</source>
        <translation>成長帯の数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Growth zones by</source>
        <translation>成長帯の決め方</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Matrix biotite</source>
        <translation>基質の黒雲母</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Matrix plagioclase</source>
        <translation>基質の斜長石</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Minimum grain size (pixels)</source>
        <translation>最小粒子サイズ（ピクセル）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Nucleation offsets</source>
        <translation>核形成のずれ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Number of grains</source>
        <translation>粒子の数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Oxide map folder</source>
        <translation>酸化物マップフォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>P-T path from garnet maps (many grains)</source>
        <translation>ざくろ石マップからの温度圧力経路（多数の粒子）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>Zoning element (contour)</source>
        <translation>累帯構造の元素（等値線）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/ptpathmaps.py"/>
        <source>{label}: {pixels} px, core-to-rim {radius:.1f} px, nucleation offset {offset:.2f}</source>
        <translation>{label}: {pixels} px、コアからリムまで {radius:.1f} px、核形成のずれ {offset:.2f}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Beams</source>
        <translation>ビーム</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Beams flagged in the file (manual, filter, other)</source>
        <translation>ファイルでフラグが付いたビーム数（manual、filter、other）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Beams written</source>
        <translation>書き出したビーム数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>GSF file</source>
        <translation>GSFファイル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Keep null beams and beams of ignored pings</source>
        <translation>nullビームと無視されたピングのビームを残す</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Pings</source>
        <translation>ピング数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Read survey file (GSF)</source>
        <translation>測量ファイルの読み込み（GSF）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>Reads a multibeam survey file in GSF (Generic Sensor Format: Kongsberg, CARIS, Qimera, MB-System format 121) into a point layer, one point per beam, so that it can be edited by hand, taught from and cleaned.

Use: a &lt;b&gt;GSF file&lt;/b&gt;. Null beams (no detection) are left out unless &lt;b&gt;Keep null beams&lt;/b&gt; is ticked.

Out: &lt;b&gt;Beams&lt;/b&gt; (EPSG:4326, Z = -depth) with ping, beam, depth, across_m, along_m, beam_angle, the file's flag (gsf_flag, gsf_state) and &lt;i&gt;rejected&lt;/i&gt; (1 = flagged by an editor or a filter, 0 = accepted): the label field for 'Train sounding cleaner'. 'Clean soundings' with &lt;b&gt;Survey file&lt;/b&gt; set writes its rejections back into a copy of the file as GSF filter flags.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: positions, flags, errors and the reference.</source>
        <translation>マルチビームの測量ファイル（GSF: Generic Sensor Format。Kongsberg、CARIS、Qimera、MB-Systemのフォーマット121）を、1ビーム1点の点レイヤとして読み込みます。手作業での編集、学習、クリーニングに使えます。

入力: &lt;b&gt;GSFファイル&lt;/b&gt;。&lt;b&gt;nullビームを残す&lt;/b&gt;にチェックを入れない限り、nullビーム（検出なし）は除かれます。

出力: ping、beam、depth、across_m、along_m、beam_angle、ファイルのフラグ（gsf_flag、gsf_state）、&lt;i&gt;rejected&lt;/i&gt;（1 = 編集者またはフィルタがフラグを付けたもの、0 = 採用）を持つ&lt;b&gt;ビーム&lt;/b&gt;（EPSG:4326、Z = −水深）。rejectedは「測深クリーナーの学習」のラベルフィールドです。&lt;b&gt;測量ファイル&lt;/b&gt;を指定した「測深データのクリーニング」は、棄却結果をGSFのフィルタフラグとしてファイルのコピーに書き戻します。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（位置、フラグ、誤差、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/readsurvey.py"/>
        <source>{version}: {pings:,} pings, {beams:,} beams ({accepted:,} accepted, {manual:,} manual, {filter:,} filter, {other:,} other, {null:,} null, {ignored:,} in ignored pings); {written:,} written.</source>
        <translation>{version}: {pings:,} ピング、{beams:,} ビーム（採用 {accepted:,}、manual {manual:,}、filter {filter:,}、other {other:,}、null {null:,}、無視されたピング内 {ignored:,}）。{written:,} ビームを書き出しました。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Across-track distance field, m (empty: the field 'across_m', if any)</source>
        <translation>航跡直交方向の距離のフィールド、m（空欄: 'across_m' フィールドがあればそれ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Beam / angle fields for the taught model</source>
        <translation>学習済みモデル用のビーム/角度フィールド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Beam angle field, degrees (empty: the field 'beam_angle', if any)</source>
        <translation>ビーム角のフィールド、度（空欄: 'beam_angle' フィールドがあればそれ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Beam number field (empty: the field 'beam', if any)</source>
        <translation>ビーム番号のフィールド（空欄: 'beam' フィールドがあればそれ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Cancelled.</source>
        <translation>キャンセルされました。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Depth field (empty: the points' Z)</source>
        <translation>水深フィールド（空欄: 点のZ値）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>Ping number field (empty: the field 'ping', if any)</source>
        <translation>ピング番号のフィールド（空欄: 'ping' フィールドがあればそれ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <location filename="../plugin/models/soundingstogrid.model3"/>
        <source>Soundings (point layer)</source>
        <translation>測深データ（点レイヤ）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>The soundings layer has no CRS; assign one so distances can be measured.</source>
        <translation>測深データのレイヤに座標参照系がありません。距離を測れるように座標参照系を設定してください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>The soundings layer has no Z values; choose its depth field (DEPTH_FIELD).</source>
        <translation>測深データのレイヤにZ値がありません。水深フィールド（DEPTH_FIELD）を選んでください。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/soundings_io.py"/>
        <source>The soundings layer holds multipoints; split them into single points first (Vector geometry &gt; Multipart to singleparts).</source>
        <translation>測深データのレイヤにマルチポイントが含まれています。先にシングルポイントに分割してください（ベクタ &gt; ジオメトリツール &gt; マルチパートをシングルパートに）。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Active atoms per patch</source>
        <translation>パッチあたりの有効アトム数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Dominant pattern (atom number)</source>
        <translation>主要パターン（アトム番号）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Makes a bathymetry grid 2, 3 or 4 times finer by sparse coding over a terrain dictionary: each patch of relief is built from a few learned patterns.

Use: an &lt;b&gt;Input grid&lt;/b&gt; and a &lt;b&gt;Scale factor&lt;/b&gt;. The shipped dictionary for that scale is used unless you give your own (from 'Learn terrain dictionary').

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. Optional maps: &lt;b&gt;Dominant pattern&lt;/b&gt; (which pattern shapes each place) and &lt;b&gt;Active atoms&lt;/b&gt; (how complex the relief is). Trust layers (optional): &lt;b&gt;Uncertainty&lt;/b&gt; and &lt;b&gt;Provenance&lt;/b&gt;, as in 'Super-resolve bathymetry (deep network)'; an output ending in .bag holds the grid and its uncertainty.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>地形辞書によるスパースコーディングで、水深グリッドを2、3または4倍に細かくします: 海底地形の各パッチを、学習した少数のパターンの組み合わせで作ります。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;と&lt;b&gt;倍率&lt;/b&gt;。自分の辞書（「地形辞書の学習」で作成）を指定しない場合は、その倍率の同梱辞書を使います。

出力: 入力と同じ原点と座標参照系を持ち、セルを倍率で分割したfloat32グリッド。任意のマップ: &lt;b&gt;主要パターン&lt;/b&gt;（各地点の形を決めているパターン）と&lt;b&gt;有効アトム数&lt;/b&gt;（地形の複雑さ）。信頼度レイヤ（任意）: 「水深の超解像（深層ネットワーク）」と同じ&lt;b&gt;不確かさ&lt;/b&gt;と&lt;b&gt;由来&lt;/b&gt;。.bag で終わる出力にはグリッドとその不確かさが入ります。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Scale factor (the dictionary's: 2, 3 or 4)</source>
        <translation>倍率（辞書の倍率: 2、3または4）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Super-resolve bathymetry (sparse coding)</source>
        <translation>水深の超解像（スパースコーディング）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Super-resolved grid</source>
        <translation>超解像したグリッド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with {atoms} atoms; {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.</source>
        <translation>{w} x {h} セルを {ow} x {oh} セルに超解像しました（x{scale}）。アトム {atoms} 個、有効な入力セル {valid:,} 個、タイル {tiles} 個、{seconds:.2f} 秒。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sparsesr.py"/>
        <source>Terrain dictionary (.npz; empty = shipped)</source>
        <translation>地形辞書（.npz; 空欄 = 同梱の辞書）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Makes a bathymetry grid 2, 4 or 8 times finer with a deep network trained on real seafloor relief. It is more accurate than bicubic on held-out real grids.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (any unit or sign convention), a &lt;b&gt;Scale factor&lt;/b&gt; and a &lt;b&gt;Network&lt;/b&gt; by name. &lt;i&gt;auto&lt;/i&gt; (default) picks the most accurate shipped network for the scale, or a faster one nearly as accurate, e.g. fsrcnn_kd_x2 (one pass); names with _ens_ run eight passes and are slightly more accurate. An &lt;b&gt;Own model file&lt;/b&gt; (.onnx with its .json card) overrides both. &lt;b&gt;Nodata&lt;/b&gt;: &lt;i&gt;fill&lt;/i&gt; (default) fills enclosed holes first; &lt;i&gt;mask&lt;/i&gt; keeps holes where they are.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. The log says how accurate the network was on held-out grids, and warns when the grid looks unlike the training relief.

Trust layers (optional): &lt;b&gt;Uncertainty&lt;/b&gt; (how far each cell may be off, in depth units, calibrated on held-out grids) and &lt;b&gt;Provenance&lt;/b&gt; (3 = super-resolved from a measured cell, 4 = from a filled one; give &lt;b&gt;Input provenance&lt;/b&gt; from 'Fill gaps' to carry it on). An output ending in .bag holds the grid and its uncertainty.

Needs the Python package onnxruntime: Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>実際の海底地形で学習した深層ネットワークで、水深グリッドを2倍、4倍または8倍に細かくします。学習に使っていない実データのグリッドで、バイキュービックより高い精度が確かめられています。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;（単位や符号の向きは問いません）、&lt;b&gt;倍率&lt;/b&gt;、名前で指定する&lt;b&gt;ネットワーク&lt;/b&gt;。&lt;i&gt;auto&lt;/i&gt;（既定）はその倍率で最も精度の高い同梱ネットワーク、またはほぼ同じ精度でより速いものを選びます（例: fsrcnn_kd_x2、1回の推論）。_ens_ を含む名前は8回推論し、わずかに精度が高いものです。&lt;b&gt;独自のモデルファイル&lt;/b&gt;（.onnx とその .json カード）を指定すると両方より優先されます。&lt;b&gt;nodata&lt;/b&gt;: &lt;i&gt;fill&lt;/i&gt;（既定）は囲まれた欠損を先に補間し、&lt;i&gt;mask&lt;/i&gt;は欠損をそのまま残します。

出力: 入力と同じ原点と座標参照系を持ち、セルを倍率で分割したfloat32グリッド。ログには、学習に使っていないグリッドでのネットワークの精度が表示され、グリッドが学習に使った地形と似ていない場合は警告が出ます。

信頼度レイヤ（任意）: &lt;b&gt;不確かさ&lt;/b&gt;（各セルがどれだけずれうるか、水深の単位、学習に使っていないグリッドで較正）と&lt;b&gt;由来&lt;/b&gt;（3 = 実測セルから超解像、4 = 補間セルから超解像; 「水深グリッドの欠損補間」の&lt;b&gt;入力の由来&lt;/b&gt;を指定すると引き継ぎます）。.bag で終わる出力にはグリッドとその不確かさが入ります。

Pythonパッケージonnxruntimeが必要です: プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Network (auto = the recommended one for the scale)</source>
        <translation>ネットワーク（auto = その倍率の推奨ネットワーク）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Nodata (mask: holes stay holes; fill: fill enclosed holes first)</source>
        <translation>nodata（mask: 欠損は欠損のまま; fill: 囲まれた欠損を先に補間）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Overlap (cells; empty = half the model's receptive field + 1)</source>
        <translation>重なり（セル; 空欄 = モデルの受容野の半分 + 1）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Own model file (.onnx with its .json card; overrides Network and Scale)</source>
        <translation>独自のモデルファイル（.onnx とその .json カード; ネットワークと倍率より優先）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Scale factor</source>
        <translation>倍率</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Super-resolve bathymetry (deep network)</source>
        <translation>水深の超解像（深層ネットワーク）</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with {model}; overlap {overlap} cells; {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.</source>
        <translation>{w} x {h} セルを {ow} x {oh} セルに超解像しました（x{scale}、{model}）。重なり {overlap} セル、有効な入力セル {valid:,} 個、タイル {tiles} 個、{seconds:.2f} 秒。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/superresolve.py"/>
        <source>What to expect ({model} on held-out real grids, never seen in training; mean RMSE ratio to bicubic {ratio}):</source>
        <translation>期待できる精度（学習に使っていない実データのグリッドでの {model} の結果。バイキュービックに対するRMSE比の平均 {ratio}）:</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Field marking rejected soundings</source>
        <translation>棄却された測深データを示すフィールド</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Labelled soundings used</source>
        <translation>使用したラベル付き測深データ数</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Model file</source>
        <translation>モデルファイル</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Of which rejected</source>
        <translation>うち棄却</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Sounding cleaner model (*.npz)</source>
        <translation>測深クリーナーのモデル (*.npz)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Taught on {soundings:,} labelled soundings ({rejected:,} rejected) with features {features}; model written to {path}.</source>
        <translation>ラベル付き測深データ {soundings:,} 点（棄却 {rejected:,}）で、特徴量 {features} を使って学習しました。モデルは {path} に書き出しました。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Teaches a sounding cleaner from a survey a hydrographer has already cleaned by hand, so that 'Clean soundings' can apply the same judgement to new surveys.

Use: the cleaned &lt;b&gt;Soundings&lt;/b&gt;, the &lt;b&gt;Field marking rejected soundings&lt;/b&gt; (1/true/"rejected" = blunder) and the same &lt;b&gt;IHO S-44 order&lt;/b&gt; as for cleaning. Beam or angle fields are optional extra features. For multibeam read with 'Read survey file (GSF)', the ping, beam, across-track and beam angle fields (found by name) let the model judge each beam against its ping, the neighbouring pings and its place in the swath; teach from the file's own edits with the field &lt;i&gt;rejected&lt;/i&gt;.

Out: a &lt;b&gt;Model file&lt;/b&gt; (.npz) for the &lt;b&gt;Taught model&lt;/b&gt; of 'Clean soundings'. Opening it never runs code.

Needs the Python package scikit-learn to teach (not to apply): Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation>水路測量技術者が手作業でクリーニング済みの測量データから測深クリーナーを学習し、「測深データのクリーニング」で新しい測量に同じ判断を適用できるようにします。

入力: クリーニング済みの&lt;b&gt;測深データ&lt;/b&gt;、&lt;b&gt;棄却された測深データを示すフィールド&lt;/b&gt;（1/true/"rejected" = 誤測深）、クリーニングと同じ&lt;b&gt;IHO S-44 等級&lt;/b&gt;。ビームや角度のフィールドは任意の追加特徴量です。「測量ファイルの読み込み（GSF）」で読み込んだマルチビームでは、ピング、ビーム、航跡直交方向の距離、ビーム角のフィールド（名前から検出）により、各ビームをそのピング、隣接するピング、スワス内の位置と比べて判断するモデルになります。ファイル自身の編集結果から学習するには、&lt;i&gt;rejected&lt;/i&gt;フィールドを使います。

出力: 「測深データのクリーニング」の&lt;b&gt;学習済みモデル&lt;/b&gt;に使う&lt;b&gt;モデルファイル&lt;/b&gt;（.npz）。このファイルを開いてもコードが実行されることはありません。

学習には（適用には不要）Pythonパッケージscikit-learnが必要です: プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <location filename="../plugin/processing/trainsoundingcleaner.py"/>
        <source>Train sounding cleaner</source>
        <translation>測深クリーナーの学習</translation>
    </message>
    <message>
        <location filename="../plugin/provider.py"/>
        <source>GeoInverse — data-driven inverse methods for bathymetry and petrology</source>
        <translation>GeoInverse — 水深と岩石学のためのデータ駆動型逆解析手法</translation>
    </message>
    <message>
        <location filename="../plugin/provider.py"/>
        <source>Soundings to high-resolution grid</source>
        <translation>測深データから高解像度グリッドへ</translation>
    </message>
    <message>
        <location filename="../plugin/provider.py"/>
        <source>Step '{}' ({}) cannot run, so the model does not start: {}</source>
        <translation>ステップ '{}'（{}）は実行できないため、モデルは開始しません: {}</translation>
    </message>
    <message>
        <source>Super-resolution network (auto = the most accurate for the scale)</source>
        <translation type="vanished">超解像ネットワーク（auto = その倍率で最も精度の高いもの）</translation>
    </message>
    <message>
        <source>The network by name; auto = the most accurate for the scale.</source>
        <translation type="vanished">名前で指定するネットワーク。auto = その倍率で最も精度の高いもの。</translation>
    </message>
    <message>
        <source>Makes a bathymetry grid 2, 4 or 8 times finer with a deep network trained on real seafloor relief. It is more accurate than bicubic on held-out real grids.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (any unit or sign convention), a &lt;b&gt;Scale factor&lt;/b&gt; and a &lt;b&gt;Network&lt;/b&gt; by name. &lt;i&gt;auto&lt;/i&gt; (default) picks the most accurate shipped network for the scale, e.g. fsrcnn_ens_x2 (names with _ens_ are slower and slightly more accurate). An &lt;b&gt;Own model file&lt;/b&gt; (.onnx with its .json card) overrides both. &lt;b&gt;Nodata&lt;/b&gt;: &lt;i&gt;fill&lt;/i&gt; (default) fills enclosed holes first; &lt;i&gt;mask&lt;/i&gt; keeps holes where they are.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. The log says how accurate the network was on held-out grids, and warns when the grid looks unlike the training relief.

Trust layers (optional): &lt;b&gt;Uncertainty&lt;/b&gt; (how far each cell may be off, in depth units, calibrated on held-out grids) and &lt;b&gt;Provenance&lt;/b&gt; (3 = super-resolved from a measured cell, 4 = from a filled one; give &lt;b&gt;Input provenance&lt;/b&gt; from 'Fill gaps' to carry it on). An output ending in .bag holds the grid and its uncertainty.

Needs the Python package onnxruntime: Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">実際の海底地形で学習した深層ネットワークで、水深グリッドを2倍、4倍または8倍に細かくします。学習に使っていない実データのグリッドで、バイキュービックより高い精度が確かめられています。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;（単位や符号の向きは問いません）、&lt;b&gt;倍率&lt;/b&gt;、名前で指定する&lt;b&gt;ネットワーク&lt;/b&gt;。&lt;i&gt;auto&lt;/i&gt;（既定）はその倍率で最も精度の高い同梱ネットワークを選びます（例: fsrcnn_ens_x2。_ens_ を含む名前は少し遅く、わずかに精度が高いもの）。&lt;b&gt;独自のモデルファイル&lt;/b&gt;（.onnx とその .json カード）を指定すると両方より優先されます。&lt;b&gt;nodata&lt;/b&gt;: &lt;i&gt;fill&lt;/i&gt;（既定）は囲まれた欠損を先に補間し、&lt;i&gt;mask&lt;/i&gt;は欠損をそのまま残します。

出力: 入力と同じ原点と座標参照系を持ち、セルを倍率で分割したfloat32グリッド。ログには、学習に使っていないグリッドでのネットワークの精度が表示され、グリッドが学習に使った地形と似ていない場合は警告が出ます。

信頼度レイヤ（任意）: &lt;b&gt;不確かさ&lt;/b&gt;（各セルがどれだけずれうるか、水深の単位、学習に使っていないグリッドで較正）と&lt;b&gt;由来&lt;/b&gt;（3 = 実測セルから超解像、4 = 補間セルから超解像; 「水深グリッドの欠損補間」の&lt;b&gt;入力の由来&lt;/b&gt;を指定すると引き継ぎます）。.bag で終わる出力にはグリッドとその不確かさが入ります。

Pythonパッケージonnxruntimeが必要です: プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Network (auto = the most accurate for the scale)</source>
        <translation type="vanished">ネットワーク（auto = その倍率で最も精度の高いもの）</translation>
    </message>
    <message>
        <source>Removes noise, spikes and along-track stripes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (GeoTIFF, BAG, ...). &lt;b&gt;Noise level&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; estimates the noise across the grid; give it in metres (&lt;i&gt;metres&lt;/i&gt;) or from an IHO S-44 order (&lt;i&gt;iho&lt;/i&gt;) if you know it. &lt;b&gt;Along-track stripes&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; finds the survey lines' direction and removes stripes only where they stand out; &lt;i&gt;given&lt;/i&gt; takes the &lt;b&gt;Survey line azimuth&lt;/b&gt; (east-west lines = 90) or a &lt;b&gt;Survey lines&lt;/b&gt; layer of the track lines; &lt;i&gt;off&lt;/i&gt; leaves them.

Out: the denoised grid and, optionally, &lt;b&gt;Removed noise and spikes&lt;/b&gt; and &lt;b&gt;Removed stripes&lt;/b&gt;; together they are input minus output. Look at Removed stripes before trusting a given direction on rough relief. &lt;b&gt;Stripe model&lt;/b&gt; (advanced): &lt;i&gt;auto&lt;/i&gt; fits offsets constant along whole lines (swath offsets) for a given direction and narrow stripes that vary along the lines for a detected one; choose &lt;i&gt;levels&lt;/i&gt; for narrow stripes along a given direction.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">海底地形を保ったまま、水深グリッドからノイズ、スパイク、航跡方向の縞状ノイズを取り除きます。nodataはnodataのままです。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;（GeoTIFF、BAG など）。&lt;b&gt;ノイズレベル&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;はグリッド全体でノイズを推定します。分かっている場合はメートル単位（&lt;i&gt;metres&lt;/i&gt;）またはIHO S-44 等級（&lt;i&gt;iho&lt;/i&gt;）で指定します。&lt;b&gt;航跡方向の縞状ノイズ&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;は測線の方向を見つけ、縞が目立つ場所だけで除去します。&lt;i&gt;given&lt;/i&gt;は&lt;b&gt;測線の方位&lt;/b&gt;（東西の測線 = 90）または航跡線の&lt;b&gt;測線&lt;/b&gt;レイヤを使います。&lt;i&gt;off&lt;/i&gt;は縞状ノイズを除去しません。

出力: ノイズ除去したグリッドと、任意で&lt;b&gt;除去したノイズとスパイク&lt;/b&gt;および&lt;b&gt;除去した縞状ノイズ&lt;/b&gt;。両者の和が入力 − 出力です。起伏の大きい地形で指定した方向を信頼する前に、「除去した縞状ノイズ」を確認してください。&lt;b&gt;縞のモデル&lt;/b&gt;（詳細設定）: &lt;i&gt;auto&lt;/i&gt;は、指定した方向では測線全体で一定のオフセット（スワスのオフセット）を、検出した方向では測線に沿って変化する細い縞を当てはめます。指定した方向の細い縞には&lt;i&gt;levels&lt;/i&gt;を選びます。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Stripe model (auto: swath offsets for a given direction, narrow stripes for a detected one; jumps: offsets constant along whole lines; levels: narrow stripes that vary along the lines)</source>
        <translation type="vanished">縞のモデル（auto: 指定した方向ではスワスのオフセット、検出した方向では細い縞; jumps: 測線全体で一定のオフセット; levels: 測線に沿って変化する細い縞）</translation>
    </message>
    <message>
        <source>Finds the blunders in a layer of soundings (spikes, multipath, fish, outer-beam noise) and splits the layer into accepted and rejected soundings. Every input point goes to exactly one of the two.

Use: a point layer of &lt;b&gt;Soundings&lt;/b&gt; in any CRS, its &lt;b&gt;Depth field&lt;/b&gt; (empty: the points' Z) and an &lt;b&gt;IHO S-44 order&lt;/b&gt; (or a threshold in metres). Tick &lt;b&gt;survey order along lines&lt;/b&gt; for single-beam lines. A &lt;b&gt;Taught model&lt;/b&gt; from 'Train sounding cleaner' applies a hydrographer's own judgement.

Out: &lt;b&gt;Accepted&lt;/b&gt; soundings with a residual and a score, &lt;b&gt;Rejected&lt;/b&gt; soundings with the reason, and both counts.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">測深データのレイヤから誤測深（スパイク、マルチパス、魚群、外側ビームのノイズ）を見つけ、採用と棄却の測深データに分けます。入力点はすべてどちらか一方に入ります。

入力: 任意の座標参照系の&lt;b&gt;測深データ&lt;/b&gt;の点レイヤ、その&lt;b&gt;水深フィールド&lt;/b&gt;（空欄: 点のZ値）、&lt;b&gt;IHO S-44 等級&lt;/b&gt;（特級・1a級・1b級・2級、またはメートル単位のしきい値）。シングルビームの測線には&lt;b&gt;測線に沿った測量順&lt;/b&gt;にチェックを入れます。「測深クリーナーの学習」で作った&lt;b&gt;学習済みモデル&lt;/b&gt;を使うと、水路測量技術者自身の判断を適用できます。

出力: 残差とスコア付きの&lt;b&gt;採用&lt;/b&gt;された測深データ、理由付きの&lt;b&gt;棄却&lt;/b&gt;された測深データ、およびそれぞれの件数。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Removes noise, spikes and along-track stripes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (GeoTIFF, BAG, ...). &lt;b&gt;Noise level&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; estimates the noise across the grid; give it in metres (&lt;i&gt;metres&lt;/i&gt;) or from an IHO S-44 order (&lt;i&gt;iho&lt;/i&gt;) if you know it. &lt;b&gt;Along-track stripes&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; finds the survey lines' direction and removes stripes only where they stand out; &lt;i&gt;given&lt;/i&gt; takes the &lt;b&gt;Survey line azimuth&lt;/b&gt; (east-west lines = 90) or a &lt;b&gt;Survey lines&lt;/b&gt; layer of the track lines; &lt;i&gt;off&lt;/i&gt; leaves them.

Out: the denoised grid and, optionally, &lt;b&gt;Removed noise and spikes&lt;/b&gt; and &lt;b&gt;Removed stripes&lt;/b&gt;; together they are input minus output. Look at Removed stripes before trusting a given direction on rough relief.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">海底地形を保ったまま、水深グリッドからノイズ、スパイク、航跡方向の縞状ノイズを取り除きます。nodataはnodataのままです。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;（GeoTIFF、BAG など）。&lt;b&gt;ノイズレベル&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;はグリッド全体でノイズを推定します。分かっている場合はメートル単位（&lt;i&gt;metres&lt;/i&gt;）またはIHO S-44 等級（&lt;i&gt;iho&lt;/i&gt;）で指定します。&lt;b&gt;航跡方向の縞状ノイズ&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;は測線の方向を見つけ、縞が目立つ場所だけで除去します。&lt;i&gt;given&lt;/i&gt;は&lt;b&gt;測線の方位&lt;/b&gt;（東西の測線 = 90）または航跡線の&lt;b&gt;測線&lt;/b&gt;レイヤを使います。&lt;i&gt;off&lt;/i&gt;は縞状ノイズを除去しません。

出力: ノイズ除去したグリッドと、任意で&lt;b&gt;除去したノイズとスパイク&lt;/b&gt;および&lt;b&gt;除去した縞状ノイズ&lt;/b&gt;。両者の和が入力 − 出力です。起伏の大きい地形で指定した方向を信頼する前に、「除去した縞状ノイズ」を確認してください。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Teaches a sounding cleaner from a survey a hydrographer has already cleaned by hand, so that 'Clean soundings' can apply the same judgement to new surveys.

Use: the cleaned &lt;b&gt;Soundings&lt;/b&gt;, the &lt;b&gt;Field marking rejected soundings&lt;/b&gt; (1/true/"rejected" = blunder) and the same &lt;b&gt;IHO S-44 order&lt;/b&gt; as for cleaning. Beam or angle fields are optional extra features.

Out: a &lt;b&gt;Model file&lt;/b&gt; (.npz) for the &lt;b&gt;Taught model&lt;/b&gt; of 'Clean soundings'. Opening it never runs code.

Needs the Python package scikit-learn to teach (not to apply): Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">水路測量技術者が手作業でクリーニング済みの測量データから測深クリーナーを学習し、「測深データのクリーニング」で新しい測量に同じ判断を適用できるようにします。

入力: クリーニング済みの&lt;b&gt;測深データ&lt;/b&gt;、&lt;b&gt;棄却された測深データを示すフィールド&lt;/b&gt;（1/true/"rejected" = 誤測深）、クリーニングと同じ&lt;b&gt;IHO S-44 等級&lt;/b&gt;。ビームや角度のフィールドは任意の追加特徴量です。

出力: 「測深データのクリーニング」の&lt;b&gt;学習済みモデル&lt;/b&gt;に使う&lt;b&gt;モデルファイル&lt;/b&gt;（.npz）。このファイルを開いてもコードが実行されることはありません。

学習には（適用には不要）Pythonパッケージscikit-learnが必要です: プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Along-track stripes (auto: detect and remove; off; given: along the direction below)</source>
        <translation type="vanished">航跡方向の縞状ノイズ（auto: 検出して除去; off: 除去しない; given: 下の方向に沿って除去）</translation>
    </message>
    <message>
        <source>Removed (input minus output)</source>
        <translation type="vanished">除去分（入力 − 出力）</translation>
    </message>
    <message>
        <source>Removes noise and spikes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an &lt;b&gt;Input grid&lt;/b&gt;. &lt;b&gt;Noise level&lt;/b&gt; &lt;i&gt;auto&lt;/i&gt; estimates the noise across the grid; give it in metres (&lt;i&gt;metres&lt;/i&gt;) or from an IHO S-44 order (&lt;i&gt;iho&lt;/i&gt;) if you know it. &lt;b&gt;Along-track stripes&lt;/b&gt; is &lt;i&gt;off&lt;/i&gt; by default: stripe removal is not reliable yet, so check the Removed layer if you turn it on.

Out: the denoised grid and, optionally, &lt;b&gt;Removed&lt;/b&gt; (input minus output) to see exactly what was taken out.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">海底地形を保ったまま、水深グリッドからノイズとスパイクを取り除きます。nodataはnodataのままです。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;。&lt;b&gt;ノイズレベル&lt;/b&gt;の&lt;i&gt;auto&lt;/i&gt;はグリッド全体でノイズを推定します。分かっている場合はメートル単位（&lt;i&gt;metres&lt;/i&gt;）またはIHO S-44 等級（&lt;i&gt;iho&lt;/i&gt;）で指定します。&lt;b&gt;航跡方向の縞状ノイズ&lt;/b&gt;は既定で&lt;i&gt;off&lt;/i&gt;です。縞状ノイズの除去はまだ信頼性が十分ではないため、有効にした場合は「除去分」レイヤを確認してください。

出力: ノイズ除去したグリッドと、任意で&lt;b&gt;除去分&lt;/b&gt;（入力 − 出力）。何が取り除かれたかを正確に確認できます。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Stripe direction (degrees clockwise from north)</source>
        <translation type="vanished">縞の方向（北から時計回りの度）</translation>
    </message>
    <message>
        <source>no striping found (best line direction {angle:.1f} deg, {ratio:.1f} x the median; needs 4)</source>
        <translation type="vanished">縞状ノイズは見つかりませんでした（最も強い線方向 {angle:.1f} 度、中央値の {ratio:.1f} 倍; 4倍以上が必要）</translation>
    </message>
    <message>
        <source>{w} x {h} cells, {valid:,} valid; noise {noise}; {spikes:,} spike(s) replaced; {lines}; removed RMS {rms:.3g}; {tiles} tile(s), overlap {margin} cells, {seconds:.1f} s.</source>
        <translation type="vanished">{w} x {h} セル、有効 {valid:,}。ノイズ {noise}。スパイク {spikes:,} 個を置換。{lines}。除去分のRMS {rms:.3g}。タイル {tiles} 個、重なり {margin} セル、{seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>Fills the nodata holes of a bathymetry grid and says which cells are estimates. Real cells are copied unchanged.

Use: an &lt;b&gt;Input grid&lt;/b&gt;. The default &lt;b&gt;Method&lt;/b&gt; (&lt;i&gt;spline&lt;/i&gt;, splines in tension) was the most accurate on our real test grids; &lt;i&gt;sparse&lt;/i&gt; and &lt;i&gt;idw&lt;/i&gt; are alternatives. By default only holes enclosed by data are filled; &lt;b&gt;Maximum distance&lt;/b&gt; leaves cells far from data empty.

Out: the filled grid; optionally a &lt;b&gt;Filled mask&lt;/b&gt; (1 = estimated, 0 = real) and the &lt;b&gt;Distance&lt;/b&gt; to the nearest real cell. Holes too wide for the tile overlap stay empty and are listed in the log.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">水深グリッドのnodataの穴（欠損）を補間し、どのセルが推定値かを示します。実測のセルはそのままコピーされます。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;。既定の&lt;b&gt;手法&lt;/b&gt;（&lt;i&gt;spline&lt;/i&gt;、テンション付きスプライン）は、実データのテストグリッドで最も精度が高い手法でした。&lt;i&gt;sparse&lt;/i&gt;と&lt;i&gt;idw&lt;/i&gt;も選べます。既定ではデータに囲まれた穴だけを補間します。&lt;b&gt;データからの最大距離&lt;/b&gt;を指定すると、データから遠いセルは空のまま残ります。

出力: 補間したグリッド。任意で&lt;b&gt;補間マスク&lt;/b&gt;（1 = 推定、0 = 実測）と、最も近い実測セルまでの&lt;b&gt;距離&lt;/b&gt;。タイルの重なりより大きい穴は空のまま残り、ログに一覧が出ます。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Makes a bathymetry grid 2, 3 or 4 times finer by sparse coding over a terrain dictionary: each patch of relief is built from a few learned patterns.

Use: an &lt;b&gt;Input grid&lt;/b&gt; and a &lt;b&gt;Scale factor&lt;/b&gt;. The shipped dictionary for that scale is used unless you give your own (from 'Learn terrain dictionary').

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. Optional maps: &lt;b&gt;Dominant pattern&lt;/b&gt; (which pattern shapes each place) and &lt;b&gt;Active atoms&lt;/b&gt; (how complex the relief is).

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">地形辞書によるスパースコーディングで、水深グリッドを2、3または4倍に細かくします: 海底地形の各パッチを、学習した少数のパターンの組み合わせで作ります。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;と&lt;b&gt;倍率&lt;/b&gt;。自分の辞書（「地形辞書の学習」で作成）を指定しない場合は、その倍率の同梱辞書を使います。

出力: 入力と同じ原点と座標参照系を持ち、セルを倍率で分割したfloat32グリッド。任意のマップ: &lt;b&gt;主要パターン&lt;/b&gt;（各地点の形を決めているパターン）と&lt;b&gt;有効アトム数&lt;/b&gt;（地形の複雑さ）。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Makes a bathymetry grid 2 or 4 times finer with a deep network trained on real seafloor relief. It is more accurate than bicubic on held-out real grids.

Use: an &lt;b&gt;Input grid&lt;/b&gt; (any unit or sign convention), a &lt;b&gt;Scale factor&lt;/b&gt; and a &lt;b&gt;Network&lt;/b&gt; by name. &lt;i&gt;auto&lt;/i&gt; (default) picks the most accurate shipped network for the scale, e.g. fsrcnn_ens_x2 (names with _ens_ are slower and slightly more accurate). An &lt;b&gt;Own model file&lt;/b&gt; (.onnx with its .json card) overrides both. &lt;b&gt;Nodata&lt;/b&gt;: &lt;i&gt;mask&lt;/i&gt; keeps holes where they are; &lt;i&gt;fill&lt;/i&gt; fills enclosed holes first.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. The log says how accurate the network was on held-out grids.

Needs the Python package onnxruntime: Plugins &gt; GeoInverse &gt; Install missing packages.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">実際の海底地形で学習した深層ネットワークで、水深グリッドを2倍または4倍に細かくします。学習に使っていない実データのグリッドで、バイキュービックより高い精度が確かめられています。

入力: &lt;b&gt;入力グリッド&lt;/b&gt;（単位や符号の向きは問いません）、&lt;b&gt;倍率&lt;/b&gt;、名前で指定する&lt;b&gt;ネットワーク&lt;/b&gt;。&lt;i&gt;auto&lt;/i&gt;（既定）はその倍率で最も精度の高い同梱ネットワークを選びます（例: fsrcnn_ens_x2。_ens_ を含む名前は少し遅く、わずかに精度が高いもの）。&lt;b&gt;独自のモデルファイル&lt;/b&gt;（.onnx とその .json カード）を指定すると両方より優先されます。&lt;b&gt;nodata&lt;/b&gt;: &lt;i&gt;mask&lt;/i&gt;は欠損をそのまま残し、&lt;i&gt;fill&lt;/i&gt;は囲まれた欠損を先に補間します。

出力: 入力と同じ原点と座標参照系を持ち、セルを倍率で分割したfloat32グリッド。ログには、学習に使っていないグリッドでのネットワークの精度が表示されます。

Pythonパッケージonnxruntimeが必要です: プラグイン &gt; GeoInverse &gt; 不足パッケージのインストール。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>Overlap (cells; empty = the model's receptive field)</source>
        <translation type="vanished">重なり（セル; 空欄 = モデルの受容野）</translation>
    </message>
    <message>
        <source>Estimates which elements were gained or lost when a rock was altered, and the mass change, from whole-rock compositions (isocon analysis).

Use: a &lt;b&gt;Composition table&lt;/b&gt; (CSV or any layer, one row per sample), its &lt;b&gt;Sample name field&lt;/b&gt; and the &lt;b&gt;Reference (protolith) sample&lt;/b&gt;. &lt;b&gt;Mode&lt;/b&gt; &lt;i&gt;sparse&lt;/i&gt; (default) finds the immobile elements itself; &lt;i&gt;classical&lt;/i&gt; uses the &lt;b&gt;Immobile elements&lt;/b&gt; you name.

Out: a table of the gain or loss of every element in every sample, with the mass change, and an HTML &lt;b&gt;Report&lt;/b&gt; with the isocon diagrams.

Needs the Python package matplotlib for the report.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">全岩組成から、岩石が変質したときにどの元素が付加・除去されたか、および質量変化を推定します（アイソコン解析）。

入力: &lt;b&gt;組成表&lt;/b&gt;（CSVまたは任意のレイヤ、1試料1行）、その&lt;b&gt;試料名フィールド&lt;/b&gt;、&lt;b&gt;参照（原岩）試料&lt;/b&gt;。&lt;b&gt;モード&lt;/b&gt;の&lt;i&gt;sparse&lt;/i&gt;（既定）は不動元素を自動で見つけます。&lt;i&gt;classical&lt;/i&gt;は指定した&lt;b&gt;不動元素&lt;/b&gt;を使います。

出力: 各試料の各元素の付加・除去量と質量変化の表、およびアイソコン図を含むHTMLの&lt;b&gt;レポート&lt;/b&gt;。

レポートにはPythonパッケージmatplotlibが必要です。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
    <message>
        <source>{sample}: M_A/M_O = {ratio:.4f} ± {se:.4f} (mass change {change:+.1f} %).</source>
        <translation type="vanished">{sample}: M_A/M_O = {ratio:.4f} ± {se:.4f}（質量変化 {change:+.1f} %）。</translation>
    </message>
    <message>
        <source>Estimates the pressure-temperature path recorded by a zoned garnet: P and T of every growth zone at once, with credible intervals, also for zones that lack an equilibrium.

Use: a &lt;b&gt;Zone table&lt;/b&gt; (CSV, core to rim, one row per zone: garnet oxides and those of the paired inclusion or matrix grain) and the &lt;b&gt;Thermobarometers&lt;/b&gt; to apply. A &lt;b&gt;Growth law&lt;/b&gt; adds relative time (P-T-t).

Out: a &lt;b&gt;Path table&lt;/b&gt; (CSV: P and T per zone with 95 % intervals) and an HTML &lt;b&gt;Report&lt;/b&gt; with the path in P-T space.

The &lt;b&gt;Help&lt;/b&gt; button opens the full description: every parameter, the method, measured accuracy and references.</source>
        <translation type="vanished">累帯構造を持つざくろ石が記録した温度圧力経路（P-T経路）を推定します: すべての成長帯のPとTを信用区間付きで一度に求めます。平衡が得られない帯についても求めます。

入力: &lt;b&gt;帯の表&lt;/b&gt;（CSV、コアからリムへ、1帯1行: ざくろ石の酸化物と、対になる包有物または基質鉱物の酸化物）と、適用する&lt;b&gt;地質温度圧力計&lt;/b&gt;。&lt;b&gt;成長則&lt;/b&gt;を指定すると相対時間が加わります（P-T-t）。

出力: &lt;b&gt;経路表&lt;/b&gt;（CSV: 帯ごとのPとT、95 %区間付き）と、P-T空間での経路を示すHTMLの&lt;b&gt;レポート&lt;/b&gt;。

&lt;b&gt;ヘルプ&lt;/b&gt;ボタンで詳しい説明（すべてのパラメータ、手法、測定した精度、参考文献）が開きます。</translation>
    </message>
</context>
</TS>
