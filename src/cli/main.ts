console.log('threatlens');
